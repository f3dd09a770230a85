import type { Permission } from '#server/iam/permissions.ts';
import { authorize, type Scope } from './authorize.ts';
import type { Caller } from './caller.ts';
import { IamError } from './iam-errors.ts';

/**
 * The caller the access hook set; routes that are not public always have one. Takes any request
 * with a caller (Fastify's among them), so iam/ needs nothing from the web framework.
 */
export function callerOf(request: { caller?: Caller }): Caller {
  if (!request.caller) throw new IamError('unauthenticated', 'sign in first, or send an API token');
  return request.caller;
}

export function describeScope(scope: Scope): string {
  if (scope === 'platform') return 'the platform';
  if ('workspace' in scope) return `workspace ${scope.workspace}`;
  return scope.namespace === undefined
    ? `cluster ${scope.cluster}`
    : `namespace ${scope.namespace} of cluster ${scope.cluster}`;
}

/** A scope as the `params` of a refusal: its level and names, for a client to word in its language. */
export function scopeParams(scope: Scope): Record<string, string> {
  if (scope === 'platform') return { level: 'platform' };
  if ('workspace' in scope) return { level: 'workspace', workspace: scope.workspace };
  return scope.namespace === undefined
    ? { level: 'cluster', cluster: scope.cluster }
    : { level: 'namespace', cluster: scope.cluster, namespace: scope.namespace };
}

/** Throws forbidden, naming the permission and scope, unless the caller may. */
export function requireAllowed(caller: Caller, action: Permission, scope: Scope): void {
  if (!authorize(caller, action, scope))
    throw new IamError(
      'forbidden',
      `you may not ${action} in ${describeScope(scope)}; ask its Admin for a role`,
      undefined,
      { permission: action, ...scopeParams(scope) },
    );
}
