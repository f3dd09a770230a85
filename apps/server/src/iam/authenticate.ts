import type { IncomingHttpHeaders } from 'node:http';
import type { Permission } from '#server/http/permissions.ts';
import type { IamStore, UserRecord } from '#server/store/iam-store.ts';
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

/**
 * Who is calling: `Authorization: Bearer <API token>`, else the session cookie. A bearer header that
 * is not a live token is not retried as a cookie. Works on Fastify requests and raw Node requests
 * alike, for the REST API and the Kubernetes proxy. CSRF is checked apart (csrfProblem).
 */
export function createAuthenticate(deps: {
  store: IamStore;
  sessions: SessionService;
  tokens: ApiTokenService;
}): Authenticate {
  return async (request) => {
    const bearer = bearerToken(request.headers.authorization);
    if (bearer) {
      const found = await deps.tokens.validate(bearer);
      if (!found) return undefined;
      const scopes = found.token.scopes as 'all' | Permission[];
      return callerFor(deps.store, found.user, { kind: 'token', tokenId: found.token.id, scopes });
    }
    const sessionId = readCookie(request.headers, SESSION_COOKIE);
    if (!sessionId) return undefined;
    const found = await deps.sessions.validate(sessionId);
    if (!found) return undefined;
    return callerFor(deps.store, found.user, { kind: 'session', sessionIdHash: hashSecret(sessionId) });
  };
}
