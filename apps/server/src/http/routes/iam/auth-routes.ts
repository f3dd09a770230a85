import type { FastifyInstance, FastifyReply } from 'fastify';
import { effectivePermissions } from '#server/iam/access-review.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import type { IamServices } from '#server/iam/iam-services.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import {
  type CookieOptions,
  clearedSessionCookies,
  readCookie,
  SESSION_COOKIE,
  sessionCookies,
} from '#server/iam/session-cookie.ts';
import { DEFAULT_SESSION_POLICY } from '#server/iam/session-service.ts';
import { errorBody, str, user } from './iam-schemas.ts';

export interface AuthRouteDeps {
  iam: IamServices;
  cookies: CookieOptions;
}

const signedIn = {
  type: 'object',
  properties: { user, csrfToken: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
} as const;

/** Sets the session cookies; their lifetime is the session's absolute one. */
export function setSessionCookies(
  reply: FastifyReply,
  deps: AuthRouteDeps,
  session: { id: string; csrfToken: string },
) {
  const absoluteMs = deps.iam.sessionPolicy.absoluteMs ?? DEFAULT_SESSION_POLICY.absoluteMs;
  void reply.header('set-cookie', sessionCookies(session, absoluteMs / 1000, deps.cookies));
}

/** Sign-in with a password, sign-out, who am I, password change. */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const from = (request: { ip: string; headers: Record<string, unknown> }) => ({
    sourceIp: request.ip,
    userAgent: String(request.headers['user-agent'] ?? ''),
  });

  app.post<{ Body: { username: string; password: string } }>(
    '/api/v1/auth/login',
    {
      config: { permission: 'public', audit: 'skip' },
      schema: {
        summary: 'Sign in with a username and password; sets the session and CSRF cookies',
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: str(128), password: str(1024) },
        },
        response: { 200: signedIn, 401: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      try {
        const { user, session } = await deps.iam.passwordLogin.login({ ...request.body, ...from(request) });
        setSessionCookies(reply, deps, session);
        return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
      } catch (error) {
        if (error instanceof IamError && error.retryAfterSeconds !== undefined)
          void reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      }
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { permission: 'self', audit: 'skip', scope: 'handler' },
      schema: { summary: 'End this session' },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const sessionId = readCookie(request.headers, SESSION_COOKIE);
      if (sessionId) await deps.iam.sessions.logout(sessionId);
      await deps.iam.audit.record({
        action: 'auth.logout',
        outcome: 'allowed',
        status: 204,
        actor: caller.username,
        credential: 'session',
        verb: 'POST',
        route: '/api/v1/auth/logout',
        ...from(request),
      });
      return reply.header('set-cookie', clearedSessionCookies(deps.cookies)).status(204).send();
    },
  );

  app.post(
    '/api/v1/auth/logout-everywhere',
    {
      config: { permission: 'self', scope: 'handler' },
      schema: {
        summary: 'End every session of the signed-in user, this one included',
        response: { 200: { type: 'object', properties: { ended: { type: 'integer' } } } },
      },
    },
    async (request, reply) => {
      const ended = await deps.iam.sessions.logoutEverywhere(callerOf(request).userId);
      void reply.header('set-cookie', clearedSessionCookies(deps.cookies));
      return { ended };
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { permission: 'self', scope: 'handler' },
      schema: { summary: 'The signed-in user, its groups and what it may do where' },
    },
    async (request) => {
      const caller = callerOf(request);
      const record = await deps.iam.store.users.get(caller.userId);
      if (!record) throw new IamError('unauthenticated', 'this user no longer exists');
      const { passwordHash: _h, oidcSubject: _s, ...shown } = record;
      const effective = await effectivePermissions(deps.iam.store, record);
      const credential =
        caller.credential.kind === 'token'
          ? { kind: 'token', tokenId: caller.credential.tokenId, scopes: caller.credential.scopes }
          : { kind: 'session' };
      return { user: shown, groups: effective.groups, credential, permissions: effective.entries };
    },
  );

  app.put<{ Body: { oldPassword: string; newPassword: string } }>(
    '/api/v1/auth/password',
    {
      config: { permission: 'self', scope: 'handler' },
      schema: {
        summary: 'Change your own password; your other sessions end',
        body: {
          type: 'object',
          required: ['oldPassword', 'newPassword'],
          additionalProperties: false,
          properties: { oldPassword: str(1024), newPassword: str(1024) },
        },
        response: { 403: errorBody },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const keep = readCookie(request.headers, SESSION_COOKIE);
      await deps.iam.users.changePassword(caller.userId, {
        ...request.body,
        sourceIp: request.ip,
        ...(keep && { keepSessionId: keep }),
      });
      return reply.status(204).send();
    },
  );
}
