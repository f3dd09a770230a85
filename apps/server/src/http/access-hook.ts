import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticate } from '#server/iam/authenticate.ts';
import { allowedInCluster, allowedSomewhere, authorize, type Scope } from '#server/iam/authorize.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import { describeScope, scopeParams } from '#server/iam/route-guards.ts';
import { csrfProblem } from '#server/iam/session-cookie.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'handler': the route checks the exact scope itself (it lists or filters across scopes, or the
     * scope is in the body), so the hook only requires the permission somewhere: in the path's
     * cluster (or one of its namespaces) when the path names one.
     */
    scope?: 'handler';
  }
}

/**
 * The scope a request acts in: a cluster, a namespace in it, or the platform. The namespace comes
 * from the path (`:namespace`, or the name of a namespace route) or else from `?namespace=`.
 */
export function scopeOfRequest(request: FastifyRequest): Scope {
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const route = request.routeOptions.url ?? '';
  const cluster = clusterOfRequest(request);
  if (cluster === undefined) return 'platform';
  const query = (request.query ?? {}) as Record<string, unknown>;
  const namespace =
    params.namespace ??
    (route.startsWith('/api/v1/clusters/:cluster/namespaces/:name') ? params.name : undefined) ??
    (takesNamespace(request) && typeof query.namespace === 'string' && query.namespace !== ''
      ? query.namespace
      : undefined);
  return namespace === undefined ? { cluster } : { cluster, namespace };
}

/** Whether the route acts in one namespace given as `?namespace=` (its query schema declares one). */
function takesNamespace(request: FastifyRequest): boolean {
  const schema = request.routeOptions.schema?.querystring as
    | { properties?: Record<string, unknown> }
    | undefined;
  return schema?.properties?.namespace !== undefined;
}

/** The cluster a request names in its path, if any. */
export function clusterOfRequest(request: FastifyRequest): string | undefined {
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const route = request.routeOptions.url ?? '';
  return params.cluster ?? (route.startsWith('/api/v1/clusters/:name') ? params.name : undefined);
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
        undefined,
        {},
      );
    const csrf = csrfProblem(request);
    if (csrf) throw new IamError('forbidden', csrf);
    if (!permission) throw new IamError('forbidden', 'this route declares no permission');
    const cluster = clusterOfRequest(request);
    const handlerScoped = request.routeOptions.config?.scope === 'handler';
    const scope = handlerScoped ? undefined : scopeOfRequest(request);
    const allowed = scope
      ? authorize(request.caller, permission, scope)
      : cluster === undefined
        ? allowedSomewhere(request.caller, permission)
        : allowedInCluster(request.caller, permission, cluster);
    if (!allowed) {
      const where = scope ? describeScope(scope) : cluster === undefined ? 'any scope' : `cluster ${cluster}`;
      const place = scope
        ? scopeParams(scope)
        : cluster === undefined
          ? { level: 'anywhere' }
          : { level: 'cluster', cluster };
      throw new IamError(
        'forbidden',
        `you may not ${permission} in ${where}; ask its Admin for a role`,
        undefined,
        {
          permission,
          ...place,
        },
      );
    }
  };
}

const IDENTITY_ROUTES = /^\/api\/v1\/(auth|users|groups|workspaces|rolebindings)\b/;

/**
 * An onSend hook: after a saved change to who someone is or what they may do, the callers the
 * authentication remembers are dropped before the answer leaves, so the change counts from the
 * next request on (after the answer, as onResponse did, a client's next request could come first).
 */
export function createForgetHook(authenticate: { forget(): void }) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (request.method !== 'GET' && reply.statusCode < 400 && IDENTITY_ROUTES.test(request.url))
      authenticate.forget();
    return payload;
  };
}
