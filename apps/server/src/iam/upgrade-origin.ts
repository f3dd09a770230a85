import type { IncomingHttpHeaders } from 'node:http';
import { normalOrigin } from '#server/config/origins.ts';
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

/** The Origin names the host and port the request was sent to (either scheme: TLS may end in front). */
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  const normal = normalOrigin(origin);
  if (!normal) return false;
  const url = new URL(normal);
  return [`http://${host}`, `https://${host}`].some((own) => normalOrigin(own) === url.origin);
}
