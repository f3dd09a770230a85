import { peopleWorkspace, type WorkspaceListQuery, workspaceList, workspaceListQuery } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { listReach } from '#server/iam/list-reach.ts';
import { checkWorkspaceName } from '#server/iam/names.ts';
import { callerOf, requireAllowed } from '#server/iam/route-guards.ts';
import { responses } from '../shared/route-schemas.ts';
import { items, nameParams, str } from './iam-schemas.ts';
import type { IamRouteDeps } from './iam-user-routes.ts';
import { pageAnswer, splitPaging } from './people-paging.ts';

const boundNamespace = {
  type: 'object',
  properties: { workspace: { type: 'string' }, cluster: { type: 'string' }, namespace: { type: 'string' } },
} as const;

/** Workspaces and the cluster namespaces bound to them. */
export function registerIamWorkspaceRoutes(app: FastifyInstance, deps: IamRouteDeps): void {
  const { store } = deps.iam;
  const read = { permission: 'workspaces:read', scope: 'handler' } as const;
  const write = { permission: 'workspaces:write' } as const;
  type Bound = { Params: { name: string; cluster: string; namespace: string } };

  app.get<{ Querystring: WorkspaceListQuery }>(
    '/api/v1/workspaces',
    {
      config: read,
      schema: {
        summary: 'The workspaces you may see, filtered, sorted and paged',
        querystring: workspaceListQuery,
        response: responses({ 200: workspaceList }),
      },
    },
    async (request) => {
      const { window, filter } = splitPaging(request.query);
      const reach = listReach(callerOf(request), 'workspaces:read');
      const page = await store.workspaces.page({
        ...filter,
        ...window,
        ...(reach && { names: reach.workspaces }),
      });
      return pageAnswer(page, window);
    },
  );

  app.post<{ Body: { name: string; description?: string } }>(
    '/api/v1/workspaces',
    {
      config: write,
      schema: {
        summary: 'Create a workspace',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: str(63), description: str(2000, 0) },
        },
        response: { 201: peopleWorkspace },
      },
    },
    async (request, reply) => {
      checkWorkspaceName(request.body.name);
      return reply.status(201).send(await store.workspaces.create(request.body));
    },
  );

  app.delete<{ Params: { name: string } }>(
    '/api/v1/workspaces/:name',
    {
      config: write,
      schema: {
        summary: 'Remove a workspace, its namespace bindings and role bindings',
        params: nameParams('name'),
      },
    },
    async (request, reply) => {
      await store.workspaces.delete(request.params.name);
      await deps.onAccessChanged?.();
      return reply.status(204).send();
    },
  );

  app.get<{ Params: { name: string } }>(
    '/api/v1/workspaces/:name/namespaces',
    {
      config: read,
      schema: {
        summary: 'Namespaces bound to the workspace',
        params: nameParams('name'),
        response: { 200: items(boundNamespace) },
      },
    },
    async (request) => {
      requireAllowed(callerOf(request), 'workspaces:read', { workspace: request.params.name });
      return { items: await store.workspaces.namespaces({ workspace: request.params.name }) };
    },
  );

  app.put<Bound>(
    '/api/v1/workspaces/:name/namespaces/:cluster/:namespace',
    {
      config: { ...write, scope: 'handler' },
      schema: {
        summary: 'Bind a namespace of a cluster to the workspace (one workspace per namespace)',
        params: nameParams('name', 'cluster', 'namespace'),
      },
    },
    async (request, reply) => {
      const { name, cluster, namespace } = request.params;
      requireAllowed(callerOf(request), 'workspaces:write', 'platform');
      await store.workspaces.bindNamespace(name, cluster, namespace);
      await deps.onAccessChanged?.();
      return reply.status(204).send();
    },
  );

  app.delete<Bound>(
    '/api/v1/workspaces/:name/namespaces/:cluster/:namespace',
    {
      config: { ...write, scope: 'handler' },
      schema: {
        summary: 'Unbind a namespace from the workspace',
        params: nameParams('name', 'cluster', 'namespace'),
      },
    },
    async (request, reply) => {
      requireAllowed(callerOf(request), 'workspaces:write', 'platform');
      const { name, cluster, namespace } = request.params;
      const bound = await store.workspaces.namespaces({ workspace: name, cluster });
      if (bound.some((b) => b.namespace === namespace))
        await store.workspaces.unbindNamespace(cluster, namespace);
      await deps.onAccessChanged?.();
      return reply.status(204).send();
    },
  );
}
