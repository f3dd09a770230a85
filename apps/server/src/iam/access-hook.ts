import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticate } from './authenticate.ts';
import { allowedSomewhere, authorize, type Scope } from './authorize.ts';
import { IamError } from './iam-errors.ts';
import { csrfProblem } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'handler': the route checks the exact scope itself (it lists or filters across scopes, or the
     * scope is in the body), so the hook only requires the permission somewhere.
     */
    scope?: 'handler';
  }
}

/** The scope a request acts in, from its route parameters: a cluster, a namespace in it, or the platform. */
export function scopeOfRequest(request: FastifyRequest): Scope {
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const route = request.routeOptions.url ?? '';
  const cluster = params.cluster ?? (route.startsWith('/api/v1/clusters/:name') ? params.name : undefined);
  if (cluster === undefined) return 'platform';
  return params.namespace === undefined ? { cluster } : { cluster, namespace: params.namespace };
}

/**
 * An onRequest hook: who is calling (request.caller), CSRF for session changes, and the route's
 * declared permission in the request's scope. The lead may use it as it is or take its parts.
 */
export function createAccessHook(authenticate: Authenticate) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const permission = request.routeOptions.config?.permission;
    // An unknown route answers 404 to anyone; it reveals nothing a route table would not.
    if (permission === 'public' || request.is404) return;
    request.caller = await authenticate(request);
    if (!request.caller)
      throw new IamError(
        'unauthenticated',
        'sign in first, or send an API token as "Authorization: Bearer …"',
      );
    const csrf = csrfProblem(request);
    if (csrf) throw new IamError('forbidden', csrf);
    if (!permission) throw new IamError('forbidden', 'this route declares no permission');
    const allowed =
      request.routeOptions.config?.scope === 'handler'
        ? allowedSomewhere(request.caller, permission)
        : authorize(request.caller, permission, scopeOfRequest(request));
    if (!allowed)
      throw new IamError('forbidden', `you may not ${permission} here; ask an administrator for a role`);
  };
}

const IDENTITY_ROUTES = /^\/api\/v1\/(auth|users|groups|workspaces|rolebindings)\b/;

/**
 * An onResponse hook: after a saved change to who someone is or what they may do, the callers the
 * authentication remembers are dropped, so the change counts from the next request on.
 */
export function createForgetHook(authenticate: { forget(): void }) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.method !== 'GET' && reply.statusCode < 400 && IDENTITY_ROUTES.test(request.url))
      authenticate.forget();
  };
}
