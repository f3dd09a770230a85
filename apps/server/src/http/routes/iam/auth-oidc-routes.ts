import type { FastifyInstance } from 'fastify';
import { IamError } from '#server/iam/iam-errors.ts';
import { readCookie, stateCookie } from '#server/iam/session-cookie.ts';
import { type AuthRouteDeps, setSessionCookies } from './auth-routes.ts';

const STATE_COOKIE = 'portolan_oidc_state';

/** OpenID Connect sign-in: start sends the browser to the provider, callback comes back with a code. */
export function registerOidcRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const oidc = () => {
    if (!deps.iam.oidc)
      throw new IamError('not-found', 'OpenID Connect sign-in is not configured on this server');
    return deps.iam.oidc;
  };

  // Public, so the sign-in page can offer the provider before anyone has signed in.
  app.get(
    '/api/v1/auth/methods',
    {
      config: { permission: 'public', audit: 'skip' },
      schema: {
        summary:
          'How to sign in here: a password, and OpenID Connect (with the provider’s name) when configured',
        response: {
          200: {
            type: 'object',
            required: ['password', 'oidc'],
            properties: {
              password: { type: 'boolean' },
              oidc: {
                type: ['object', 'null'],
                required: ['name', 'start'],
                properties: { name: { type: 'string' }, start: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    async () => ({
      password: true,
      oidc: deps.iam.oidc ? { name: deps.iam.oidc.providerName, start: '/api/v1/auth/oidc/start' } : null,
    }),
  );

  app.get<{ Querystring: { returnTo?: string } }>(
    '/api/v1/auth/oidc/start',
    {
      config: { permission: 'public', audit: 'skip' },
      schema: {
        summary: 'Start an OpenID Connect sign-in: redirects to the provider',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { returnTo: { type: 'string', maxLength: 2000 } },
        },
      },
    },
    async (request, reply) => {
      const { url, state } = await oidc().start(request.query.returnTo);
      return reply
        .header('set-cookie', stateCookie(STATE_COOKIE, state, 600, deps.cookies))
        .redirect(url, 302);
    },
  );

  app.get(
    '/api/v1/auth/oidc/callback',
    {
      config: { permission: 'public', audit: 'skip' },
      schema: { summary: 'Where the OpenID provider sends the browser back; signs in and redirects' },
    },
    async (request, reply) => {
      const url = new URL(request.url, 'http://callback.invalid');
      const done = await oidc().finish(url, readCookie(request.headers, STATE_COOKIE), {
        sourceIp: request.ip,
        userAgent: String(request.headers['user-agent'] ?? ''),
      });
      setSessionCookies(reply, deps, done.session);
      const cookies = reply.getHeader('set-cookie') as string[];
      void reply.header('set-cookie', [...cookies, stateCookie(STATE_COOKIE, '', 0, deps.cookies)]);
      return reply.redirect(done.returnTo, 302);
    },
  );
}
