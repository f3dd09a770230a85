/** The Portolan REST API as the CLI uses it: JSON in and out, errors as ApiError. */
import type { ErrorResponse, FieldProblem } from '@portolan/api';

export const DEFAULT_SERVER = 'http://127.0.0.1:8080';

/** What the server said went wrong: `{ error: { code, message, … } }` plus the HTTP status. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiClient {
  readonly server: string;
  get<T>(path: string, query?: Query): Promise<T>;
  send<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T>;
  /** The raw response of a successful request, for text and streams. */
  raw(path: string, query?: Query, signal?: AbortSignal): Promise<Response>;
}

export function pathOf(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Encodes each path segment, so names never change the route. */
export function segments(...parts: string[]): string {
  return parts.map((part) => encodeURIComponent(part)).join('/');
}

export function createApiClient(server: string, token?: string): ApiClient {
  const base = server.replace(/\/+$/, '');
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};

  async function request(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      const headers = { ...authorization, ...((init.headers as Record<string, string> | undefined) ?? {}) };
      response = await fetch(`${base}${path}`, { method, ...init, headers });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiError(
        0,
        'unreachable',
        `cannot reach the Portolan server at ${base} (${cause?.code ?? cause?.message ?? String(error)}); ` +
          'start it with `bash scripts/start.sh`, or point --server / PORTOLAN_SERVER at it',
      );
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  async function json<T>(response: Response): Promise<T> {
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    server: base,
    async get(path, query) {
      return json(await request('GET', pathOf(path, query)));
    },
    async send(method, path, body, query) {
      const init: RequestInit =
        body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
      return json(await request(method, pathOf(path, query), init));
    },
    raw(path, query, signal) {
      return request('GET', pathOf(path, query), signal ? { signal } : {});
    },
  };
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<ErrorResponse>;
    if (body.error && typeof body.error.message === 'string') {
      const { code, message, ...details } = body.error;
      return new ApiError(response.status, String(code ?? 'error'), message, details);
    }
  } catch {
    // Not JSON: a proxy or a crash answered; show what came back.
  }
  return new ApiError(
    response.status,
    'http',
    `${response.status} ${response.statusText}: ${text.slice(0, 500)}`,
  );
}

/** The message, then whatever says where the fault is: fields, document, line and column, hints. */
export function describeApiError(error: ApiError): string[] {
  const d = error.details;
  // Some messages say where already ("at line 6, column 1"); add only what they leave out.
  const missing = (label: string, value: unknown) =>
    value !== undefined && !error.message.includes(`${label} ${String(value)}`)
      ? `${label} ${String(value)}`
      : '';
  const where = [
    typeof d.document === 'number' ? missing('document', d.document) : '',
    typeof d.line === 'number' ? missing('line', d.line) : '',
    typeof d.column === 'number' ? missing('column', d.column) : '',
    typeof d.field === 'string' ? missing('field', d.field) : '',
  ].filter(Boolean);
  const lines = [`error: ${error.message}${where.length ? ` (${where.join(', ')})` : ''}`];
  // Invalid objects and apply conflicts already list their fields in the message; add what it lacks.
  const problems = [
    ...((Array.isArray(d.fields) ? d.fields : []) as FieldProblem[]),
    ...((Array.isArray(d.conflicts) ? d.conflicts : []) as FieldProblem[]),
  ];
  for (const problem of problems) {
    const line = `${problem.field || '(object)'}: ${problem.message ?? problem.reason ?? 'invalid'}`;
    if (!error.message.includes(line)) lines.push(`  - ${line}`);
  }
  if (Array.isArray(d.suggestions) && d.suggestions.length) {
    lines.push(`  did you mean: ${d.suggestions.join(', ')}`);
  }
  return lines;
}
