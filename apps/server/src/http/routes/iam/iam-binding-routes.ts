import { type RoleBindingListQuery, roleBindingList, roleBindingListQuery } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { whoCan } from '#server/iam/access-review.ts';
import { authorize, type Scope } from '#server/iam/authorize.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import { listReach } from '#server/iam/list-reach.ts';
import { PERMISSIONS, type Permission } from '#server/iam/permissions.ts';
import { callerOf, requireAllowed } from '#server/iam/route-guards.ts';
import type { BindingScope, NewRoleBinding } from '#server/store/iam/iam-store.ts';
import { responses } from '../shared/route-schemas.ts';
import { bindingScope, nameParams, role, roleBinding, str, subject } from './iam-schemas.ts';
import type { IamRouteDeps } from './iam-user-routes.ts';
import { pageAnswer, splitPaging } from './people-paging.ts';

/** The authorization scope a binding lives in: whoever may manage bindings there may manage it. */
export function scopeOfBinding(scope: BindingScope): Scope {
  switch (scope.level) {
    case 'platform':
      return 'platform';
    case 'workspace':
      return { workspace: scope.workspace };
    case 'cluster':
      return { cluster: scope.cluster };
    case 'namespace':
      return { cluster: scope.cluster, namespace: scope.namespace };
  }
}

function checkScope(input: Record<string, string | undefined>): BindingScope {
  const need = (field: string) => {
    const value = input[field];
    if (!value) throw new IamError('invalid', `a ${input.level} binding needs scope.${field}`);
    return value;
  };
  switch (input.level) {
    case 'workspace':
      return { level: 'workspace', workspace: need('workspace') };
    case 'cluster':
      return { level: 'cluster', cluster: need('cluster') };
    case 'namespace':
      return { level: 'namespace', cluster: need('cluster'), namespace: need('namespace') };
    default:
      return { level: 'platform' };
  }
}

/** Role bindings at every level, effective access and who-can; each checked in the binding's own scope. */
export function registerIamBindingRoutes(app: FastifyInstance, deps: IamRouteDeps): void {
  const { store } = deps.iam;
  const read = { permission: 'bindings:read', scope: 'handler' } as const;
  const write = { permission: 'bindings:write', scope: 'handler' } as const;

  app.get<{ Querystring: RoleBindingListQuery }>(
    '/api/v1/rolebindings',
    {
      config: read,
      schema: {
        summary: 'Role bindings in the scopes you may administer, filtered, sorted and paged',
        querystring: roleBindingListQuery,
        response: responses({ 200: roleBindingList }),
      },
    },
    async (request) => {
      const { window, filter } = splitPaging(request.query);
      const within = listReach(callerOf(request), 'bindings:read');
      const page = await store.bindings.page({ ...filter, ...window, ...(within && { within }) });
      return pageAnswer(page, window);
    },
  );

  app.post<{
    Body: { subject: NewRoleBinding['subject']; role: NewRoleBinding['role']; scope: Record<string, string> };
  }>(
    '/api/v1/rolebindings',
    {
      config: write,
      schema: {
        summary: 'Give a user or group a role at platform, workspace, cluster or namespace level',
        body: {
          type: 'object',
          required: ['subject', 'role', 'scope'],
          additionalProperties: false,
          properties: { subject, role, scope: bindingScope },
        },
        response: { 201: roleBinding },
      },
    },
    async (request, reply) => {
      const scope = checkScope(request.body.scope);
      requireAllowed(callerOf(request), 'bindings:write', scopeOfBinding(scope));
      const created = await store.bindings.create({
        subject: request.body.subject,
        role: request.body.role,
        scope,
      });
      await deps.onAccessChanged?.();
      return reply.status(201).send(created);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/rolebindings/:id',
    { config: write, schema: { summary: 'Remove a role binding', params: nameParams('id') } },
    async (request, reply) => {
      const caller = callerOf(request);
      const found = (await store.bindings.list()).find((b) => b.id === request.params.id);
      // Bindings outside the caller's reach answer as missing, so their ids tell nothing.
      if (!found || !authorize(caller, 'bindings:read', scopeOfBinding(found.scope)))
        throw new IamError('not-found', `no role binding ${request.params.id} that you may see`);
      requireAllowed(caller, 'bindings:write', scopeOfBinding(found.scope));
      await store.bindings.delete(found.id);
      await deps.onAccessChanged?.();
      return reply.status(204).send();
    },
  );

  app.get<{ Querystring: { action: Permission; cluster?: string; namespace?: string; workspace?: string } }>(
    '/api/v1/who-can',
    {
      config: read,
      schema: {
        summary: 'Which bindings, and so which users, allow an action in a scope',
        querystring: {
          type: 'object',
          required: ['action'],
          additionalProperties: false,
          properties: {
            action: { type: 'string', enum: [...PERMISSIONS] },
            cluster: str(63),
            namespace: str(63),
            workspace: str(63),
          },
        },
      },
    },
    async (request) => {
      const { action, cluster, namespace, workspace } = request.query;
      if (namespace && !cluster) throw new IamError('invalid', 'a namespace needs its cluster');
      const scope: Scope = workspace
        ? { workspace }
        : cluster
          ? { cluster, ...(namespace && { namespace }) }
          : 'platform';
      requireAllowed(callerOf(request), 'bindings:read', scope);
      return whoCan(store, action, scope);
    },
  );
}
