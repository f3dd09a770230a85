import type { IncomingHttpHeaders } from 'node:http';
import type { Permission } from '#server/iam/permissions.ts';
import type { IamStore, UserRecord } from '#server/store/iam/iam-store.ts';
import type { ApiTokenService } from './api-token-service.ts';
import { bearerToken } from './bearer-token.ts';
import type { Caller, Credential } from './caller.ts';
import { groupsOfUser, loadGrants } from './grants.ts';
import { hashSecret } from './opaque-secret.ts';
import { readCookie, SESSION_COOKIE } from './session-cookie.ts';
import type { SessionService } from './session-service.ts';

export type Authenticate = (request: { headers: IncomingHttpHeaders }) => Promise<Caller | undefined>;

/** Builds the caller, with its groups and grants, for a user who proved who they are. */
export async function callerFor(store: IamStore, user: UserRecord, credential: Credential): Promise<Caller> {
  const groups = await groupsOfUser(store, user);
  return {
    userId: user.id,
    username: user.username,
    groups,
    grants: await loadGrants(store, user.username, groups),
    credential,
  };
}

/** The function, and a way to drop what it remembers once an identity change is saved. */
export type CachingAuthenticate = Authenticate & { forget(): void };

const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;

/**
 * Who is calling: `Authorization: Bearer <API token>`, else the session cookie. A bearer header that
 * is not a live token is not retried as a cookie. Works on Fastify requests and raw Node requests
 * alike, for the REST API and the Kubernetes proxy. CSRF is checked apart (csrfProblem).
 *
 * A caller is remembered for a few seconds by its credential's hash, so a busy client does not cost
 * four queries a request; `forget()` runs after every saved change to users, groups, bindings,
 * sessions or tokens, so in this server such a change counts at once (another replica's cache
 * lags by at most CACHE_MS).
 */
export function createAuthenticate(deps: {
  store: IamStore;
  sessions: SessionService;
  tokens: ApiTokenService;
  now?: () => number;
}): CachingAuthenticate {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { caller: Caller; until: number }>();
  /** The caller, and until when it may be remembered (a token's expiry cuts the cache time short). */
  const resolve = async (request: {
    headers: IncomingHttpHeaders;
  }): Promise<{ caller: Caller; until?: number } | undefined> => {
    const bearer = bearerToken(request.headers.authorization);
    if (bearer) {
      const found = await deps.tokens.validate(bearer);
      if (!found) return undefined;
      const scopes = found.token.scopes as 'all' | Permission[];
      const caller = await callerFor(deps.store, found.user, {
        kind: 'token',
        tokenId: found.token.id,
        scopes,
      });
      return { caller, until: found.token.expiresAt };
    }
    const sessionId = readCookie(request.headers, SESSION_COOKIE);
    if (!sessionId) return undefined;
    const found = await deps.sessions.validate(sessionId);
    if (!found) return undefined;
    return {
      caller: await callerFor(deps.store, found.user, {
        kind: 'session',
        sessionIdHash: hashSecret(sessionId),
      }),
    };
  };
  const authenticate = async (request: { headers: IncomingHttpHeaders }): Promise<Caller | undefined> => {
    const credential =
      bearerToken(request.headers.authorization) ?? readCookie(request.headers, SESSION_COOKIE);
    if (!credential) return undefined;
    const key = hashSecret(credential);
    const at = now();
    const remembered = cache.get(key);
    if (remembered && remembered.until > at) return remembered.caller;
    const resolved = await resolve(request);
    if (!resolved) {
      cache.delete(key);
      return undefined;
    }
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, {
      caller: resolved.caller,
      until: Math.min(at + CACHE_MS, resolved.until ?? Number.POSITIVE_INFINITY),
    });
    return resolved.caller;
  };
  return Object.assign(authenticate, { forget: () => cache.clear() });
}
