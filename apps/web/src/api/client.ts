import type { ErrorBody } from '@portolan/api';

/** The cookie the server sets beside the HttpOnly session cookie; its value goes back as x-csrf-token. */
export const CSRF_COOKIE = 'portolan_csrf';

/** Words a refusal in the console's language from its code and params; undefined keeps the server's text. */
type ErrorWords = (body: ErrorBody) => string | undefined;
let errorWords: ErrorWords | undefined;

/** Set by the console's language (app/i18n.tsx): refusals from then on read in that language. */
export function setErrorWords(words: ErrorWords | undefined): void {
  errorWords = words;
}

/**
 * A refused or failed request, carrying the server's `{ error: { code, message, … } }` as it came. Its
 * message is the refusal in the console's language when the code is a known one, else the server's.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody) {
    super(errorWords?.(body) ?? body.message);
    this.status = status;
    this.body = body;
  }

  /** The server's own words (English), whatever the console's language. */
  get serverMessage(): string {
    return this.body.message;
  }

  /** The request field the server names as at fault (`kubeconfig`, `context`, `name`, …), if any. */
  get field(): string | undefined {
    const named = this.body.field ?? this.body.fields?.[0]?.field;
    // Validation errors name a path such as `/labels/env`: its first step is the form's field.
    return named?.replace(/^\//, '').split(/[./[]/)[0] || undefined;
  }
}

export function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** What every request needs: the page's cookies (the browser sends the session cookie by itself). */
export interface Transport {
  fetch: typeof fetch;
  cookies(): string;
}

const browser: Transport = { fetch: (...args) => globalThis.fetch(...args), cookies: () => document.cookie };

/**
 * One call to the public REST API. Changes carry the CSRF token from the readable cookie; an answer
 * that is not 2xx becomes an ApiError with the server's own message (or one that says what happened).
 */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  transport: Transport = browser,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(transport.cookies(), CSRF_COOKIE);
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let response: Response;
  try {
    response = await transport.fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiError(0, {
      code: 'unreachable',
      message: `the Portolan server did not answer: ${String(error)}`,
    });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as { error?: ErrorBody } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.message
        ? error
        : { code: `http-${response.status}`, message: `${method} ${path} answered ${response.status}` },
    );
  }
  return parsed as T;
}
