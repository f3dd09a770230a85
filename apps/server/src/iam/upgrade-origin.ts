import type { IncomingHttpHeaders } from 'node:http';
import { bearerToken } from './bearer-token.ts';
import { readCookie, SESSION_COOKIE } from './session-cookie.ts';

/**
 * Why an upgrade request (WebSocket, SPDY) may not use the session cookie it carries, or undefined
 * when it may. A browser sends a site's cookies with a WebSocket opened by any page, but it always
 * names that page in Origin, and a page cannot add an Authorization header. So a cookie counts only
 * from the server's own origin (the host the browser addressed) or one listed in `allowed`; bearer
 * tokens (CLI, kubectl) and requests without a cookie or without an Origin (not browsers) pass.
 */
export function upgradeOriginProblem(
  headers: IncomingHttpHeaders,
  allowed: readonly string[],
): string | undefined {
  if (bearerToken(headers.authorization)) return undefined;
  if (readCookie(headers, SESSION_COOKIE) === undefined) return undefined;
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  if (isOwnOrigin(origin, headers.host) || allowed.includes(normalOrigin(origin) ?? '')) return undefined;
  return (
    `a connection opened by the page at ${origin} may not use your Portolan session: open the console ` +
    'from Portolan’s own address, add that origin to --allowed-origins (PORTOLAN_ALLOWED_ORIGINS), ' +
    'or send an API token as "Authorization: Bearer …"'
  );
}

/** The origin in its normal form (scheme://host[:port], default ports left out), or undefined. */
export function normalOrigin(text: string): string | undefined {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** The Origin names the host and port the request was sent to (either scheme: TLS may end in front). */
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  const normal = normalOrigin(origin);
  if (!normal) return false;
  const url = new URL(normal);
  return [`http://${host}`, `https://${host}`].some((own) => normalOrigin(own) === url.origin);
}

/** The text's normal form when it is an origin and nothing more (no path, query or user), else undefined. */
export function originOnly(text: string): string | undefined {
  const origin = normalOrigin(text);
  if (!origin) return undefined;
  const url = new URL(text);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return undefined;
  return origin;
}
