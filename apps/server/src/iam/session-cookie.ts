import type { IncomingHttpHeaders } from 'node:http';
import { csrfTokenMatches } from './session-service.ts';

export const SESSION_COOKIE = 'portolan_session';
/** Readable by the console's script, which echoes it in the X-CSRF-Token header. */
export const CSRF_COOKIE = 'portolan_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface CookieOptions {
  /** Send only over https. Set it whenever users reach Portolan by https (directly or behind a proxy). */
  secure: boolean;
  /** Lax by default: an OpenID provider redirects back with a top-level GET, which Strict would strip. */
  sameSite?: 'Lax' | 'Strict';
}

export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name)
      return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

function cookie(
  name: string,
  value: string,
  maxAgeSeconds: number,
  httpOnly: boolean,
  options: CookieOptions,
) {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    `SameSite=${options.sameSite ?? 'Lax'}`,
    ...(httpOnly ? ['HttpOnly'] : []),
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** Set-Cookie values for a new session: the HttpOnly session id and the readable CSRF token. */
export function sessionCookies(
  session: { id: string; csrfToken: string },
  maxAgeSeconds: number,
  options: CookieOptions,
): string[] {
  return [
    cookie(SESSION_COOKIE, session.id, maxAgeSeconds, true, options),
    cookie(CSRF_COOKIE, session.csrfToken, maxAgeSeconds, false, options),
  ];
}

export function clearedSessionCookies(options: CookieOptions): string[] {
  return [cookie(SESSION_COOKIE, '', 0, true, options), cookie(CSRF_COOKIE, '', 0, false, options)];
}

/** A short-lived cookie tying an OpenID login to the browser that started it. */
export function stateCookie(
  name: string,
  value: string,
  maxAgeSeconds: number,
  options: CookieOptions,
): string {
  return cookie(name, value, maxAgeSeconds, true, { ...options, sameSite: 'Lax' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a request authenticated by the session cookie may not change anything, or undefined when it may:
 * unsafe methods must echo the session's CSRF token in X-CSRF-Token. Bearer-token calls are not
 * sent by browsers on their own, so they need none.
 */
export function csrfProblem(request: { method?: string; headers: IncomingHttpHeaders }): string | undefined {
  if (SAFE_METHODS.has((request.method ?? 'GET').toUpperCase())) return undefined;
  if (/^Bearer\s/i.test(request.headers.authorization ?? '')) return undefined;
  const sessionId = readCookie(request.headers, SESSION_COOKIE);
  if (!sessionId) return undefined;
  const given = request.headers[CSRF_HEADER];
  if (csrfTokenMatches(sessionId, Array.isArray(given) ? given[0] : given)) return undefined;
  return `send the ${CSRF_COOKIE} cookie's value in the X-CSRF-Token header with every change made from a session`;
}
