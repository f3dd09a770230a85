import {
  type ClusterSpecInput,
  type ClusterUpgradeBody,
  LIFECYCLE_ROUTES,
  type NodePoolInput,
  type OperationQuery,
  type SnapshotScheduleBody,
} from '@portolan/api';
import type {
  FastifyContextConfig,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteGenericInterface,
} from 'fastify';
import { allowedInCluster, authorize } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import { callerOf, requireAllowed } from '#server/iam/route-guards.ts';
import { LifecycleError } from '#server/lifecycle/lifecycle-errors.ts';
import type { Lifecycle } from '#server/lifecycle/lifecycle-service.ts';
import type { LifecycleSchedules } from '#server/lifecycle/snapshot-schedule.ts';

export interface LifecycleRouteDeps {
  lifecycle: Lifecycle;
  schedules: LifecycleSchedules;
}

const tags = ['lifecycle'];
const R = LIFECYCLE_ROUTES;
const cluster = '/api/v1/lifecycle/clusters/:name';
const op = '/api/v1/lifecycle/operations/:id';
const label = { type: 'string', minLength: 1, maxLength: 63 } as const;
const nameParams = { type: 'object', required: ['name'], properties: { name: label } } as const;
const poolParams = {
  type: 'object',
  required: ['name', 'pool'],
  properties: { name: label, pool: label },
} as const;
const snapParams = {
  type: 'object',
  required: ['name', 'id'],
  properties: { name: label, id: { type: 'string', minLength: 1, maxLength: 128 } },
} as const;
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

type Named = { Params: { name: string } };
type ById = { Params: { id: string } };

const actor = (caller: Caller) => ({ id: caller.userId, name: caller.username });

/**
 * Cluster lifecycle (issue #15): clusters Portolan creates, their upgrades, node pools, etcd snapshots
 * and the operations that change them. Reading needs lifecycle:read at the cluster; changing it
 * lifecycle:write there; creating one lifecycle:write on the platform. Imported clusters answer 404.
 */
export function registerLifecycleRoutes(app: FastifyInstance, deps: LifecycleRouteDeps): void {
  const read = { permission: 'lifecycle:read', scope: 'handler' } as const;
  const write = { permission: 'lifecycle:write', scope: 'handler' } as const;
  const service = deps.lifecycle;

  /** The caller may read (or write) this cluster's lifecycle; otherwise it is as if there were none. */
  function guard(
    request: FastifyRequest,
    name: string,
    action: 'lifecycle:read' | 'lifecycle:write',
  ): Caller {
    const caller = callerOf(request);
    if (action === 'lifecycle:write') request.auditTarget = { cluster: name, kind: 'lifecycle' };
    if (!allowedInCluster(caller, 'lifecycle:read', name))
      throw new LifecycleError(
        'not-found',
        `no cluster named ${name} was created by Portolan; GET /api/v1/lifecycle/clusters lists them`,
      );
    requireAllowed(caller, action, { cluster: name });
    return caller;
  }

  async function operationGuard(
    request: FastifyRequest,
    id: string,
    action: 'lifecycle:read' | 'lifecycle:write',
  ) {
    const found = await service.operation(id);
    guard(request, found.cluster, action);
    return found;
  }

  const route = <T extends RouteGenericInterface>(
    method: 'get' | 'post' | 'put' | 'delete',
    url: string,
    key: keyof typeof R,
    options: { config: typeof read | typeof write; summary: string; params?: object; status?: number },
    handler: (request: FastifyRequest<T>) => Promise<unknown>,
  ) => {
    const entry = R[key] as { body?: object; querystring?: object; response: object };
    app.route<RouteGenericInterface, FastifyContextConfig>({
      method: method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE',
      url,
      config: options.config,
      schema: {
        tags,
        summary: options.summary,
        ...(options.params ? { params: options.params } : {}),
        ...(entry.body ? { body: entry.body } : {}),
        ...(entry.querystring ? { querystring: entry.querystring } : {}),
        response: entry.response,
      },
      handler: async (request: FastifyRequest, reply) =>
        reply.status(options.status ?? 200).send(await handler(request as unknown as FastifyRequest<T>)),
    });
  };

  route(
    'get',
    '/api/v1/lifecycle/versions',
    'GET /api/v1/lifecycle/versions',
    { config: read, summary: 'The Kubernetes versions clusters can be created on or upgraded to' },
    async () => ({ items: await service.versions() }),
  );
  route(
    'get',
    '/api/v1/lifecycle/clusters',
    'GET /api/v1/lifecycle/clusters',
    { config: read, summary: 'Clusters Portolan created that the caller may see' },
    async (request) => {
      const caller = callerOf(request);
      const names = (await service.list()).filter((c) => allowedInCluster(caller, 'lifecycle:read', c.name));
      return { items: names };
    },
  );
  app.post<{ Body: ClusterSpecInput }>(
    '/api/v1/lifecycle/clusters',
    {
      config: { permission: 'lifecycle:write' },
      schema: {
        tags,
        summary: 'Create a cluster: every field is checked first, then an operation makes it',
        body: R['POST /api/v1/lifecycle/clusters'].body,
        response: R['POST /api/v1/lifecycle/clusters'].response,
      },
    },
    async (request: FastifyRequest<{ Body: ClusterSpecInput }>, reply: FastifyReply) => {
      const caller = callerOf(request);
      request.auditTarget = { cluster: request.body.name, kind: 'lifecycle' };
      requireAllowed(caller, 'lifecycle:write', 'platform');
      return reply.status(202).send(await service.create(request.body, actor(caller)));
    },
  );
  route<Named>(
    'get',
    cluster,
    `GET ${cluster}`,
    {
      config: read,
      params: nameParams,
      summary: 'A created cluster: version, pools, nodes, components, last operation, upgrade targets',
    },
    async (request) => {
      guard(request, request.params.name, 'lifecycle:read');
      return service.get(request.params.name);
    },
  );
  route<Named>(
    'delete',
    cluster,
    `DELETE ${cluster}`,
    {
      config: write,
      params: nameParams,
      status: 202,
      summary: 'Delete a created cluster: unregister it, then stop and remove it with its snapshots',
    },
    async (request) =>
      service.remove(request.params.name, actor(guard(request, request.params.name, 'lifecycle:write'))),
  );
  route<Named & { Body: ClusterUpgradeBody }>(
    'post',
    `${cluster}/preflight`,
    `POST ${cluster}/preflight`,
    {
      config: read,
      params: nameParams,
      summary: 'The checks an upgrade to a version must pass, run now; changes nothing',
    },
    async (request) => {
      guard(request, request.params.name, 'lifecycle:read');
      return service.preflight(request.params.name, request.body.version);
    },
  );
  route<Named & { Body: ClusterUpgradeBody }>(
    'post',
    `${cluster}/upgrade`,
    `POST ${cluster}/upgrade`,
    {
      config: write,
      params: nameParams,
      status: 202,
      summary: 'Upgrade one minor at a time: preflight, snapshot, control plane, node pools, post-checks',
    },
    async (request) =>
      service.upgrade(
        request.params.name,
        request.body,
        actor(guard(request, request.params.name, 'lifecycle:write')),
      ),
  );
  route<{ Params: { name: string; pool: string }; Body: NodePoolInput }>(
    'put',
    `${cluster}/node-pools/:pool`,
    `PUT ${cluster}/node-pools/:pool`,
    {
      config: write,
      params: poolParams,
      status: 202,
      summary:
        'Add, scale, relabel or retaint a node pool (a scale-down drains the nodes it removes, newest first)',
    },
    async (request) =>
      service.putPool(
        request.params.name,
        request.params.pool,
        request.body,
        actor(guard(request, request.params.name, 'lifecycle:write')),
      ),
  );
  route<{ Params: { name: string; pool: string } }>(
    'delete',
    `${cluster}/node-pools/:pool`,
    `DELETE ${cluster}/node-pools/:pool`,
    {
      config: write,
      params: poolParams,
      status: 202,
      summary: 'Drain and remove every node of a pool, then forget it',
    },
    async (request) =>
      service.deletePool(
        request.params.name,
        request.params.pool,
        actor(guard(request, request.params.name, 'lifecycle:write')),
      ),
  );
  route<Named>(
    'get',
    `${cluster}/snapshots`,
    `GET ${cluster}/snapshots`,
    { config: read, params: nameParams, summary: "The cluster's etcd snapshots, newest first" },
    async (request) => {
      guard(request, request.params.name, 'lifecycle:read');
      return { items: await service.snapshots(request.params.name) };
    },
  );
  route<Named>(
    'post',
    `${cluster}/snapshots`,
    `POST ${cluster}/snapshots`,
    { config: write, params: nameParams, status: 202, summary: 'Take an etcd snapshot now' },
    async (request) =>
      service.takeSnapshot(
        request.params.name,
        actor(guard(request, request.params.name, 'lifecycle:write')),
      ),
  );
  route<Named & { Body: SnapshotScheduleBody }>(
    'put',
    `${cluster}/snapshot-schedule`,
    `PUT ${cluster}/snapshot-schedule`,
    {
      config: write,
      params: nameParams,
      summary:
        'Take etcd snapshots on a cron schedule (UTC), keeping the newest `keep`; { cron: null } stops it',
    },
    async (request) => {
      guard(request, request.params.name, 'lifecycle:write');
      await deps.schedules.set(request.params.name, request.body);
      return service.get(request.params.name);
    },
  );
  route<{ Params: { name: string; id: string } }>(
    'post',
    `${cluster}/snapshots/:id/restore`,
    `POST ${cluster}/snapshots/:id/restore`,
    {
      config: write,
      params: snapParams,
      status: 202,
      summary: 'Restore the whole cluster from a snapshot: everything written after it is lost',
    },
    async (request) =>
      service.restore(
        request.params.name,
        request.params.id,
        actor(guard(request, request.params.name, 'lifecycle:write')),
      ),
  );
  route<{ Querystring: OperationQuery }>(
    'get',
    '/api/v1/lifecycle/operations',
    'GET /api/v1/lifecycle/operations',
    { config: read, summary: 'Operations newest first, of the clusters the caller may see' },
    async (request) => {
      const caller = callerOf(request);
      if (request.query.cluster !== undefined) guard(request, request.query.cluster, 'lifecycle:read');
      const clusters = authorize(caller, 'lifecycle:read', 'platform')
        ? undefined
        : (await service.knownClusters()).filter((name) => allowedInCluster(caller, 'lifecycle:read', name));
      return service.operations(request.query, clusters);
    },
  );
  route<ById>(
    'get',
    op,
    `GET ${op}`,
    { config: read, params: idParams, summary: 'One operation with its steps' },
    async (request) => operationGuard(request, request.params.id, 'lifecycle:read'),
  );
  route<ById>(
    'post',
    `${op}/resume`,
    `POST ${op}/resume`,
    {
      config: write,
      params: idParams,
      status: 202,
      summary: 'Run a failed or cancelled operation again from the step it stopped at',
    },
    async (request) => {
      await operationGuard(request, request.params.id, 'lifecycle:write');
      return service.resume(request.params.id, actor(callerOf(request)));
    },
  );
  route<ById>(
    'post',
    `${op}/rollback`,
    `POST ${op}/rollback`,
    {
      config: write,
      params: idParams,
      status: 202,
      summary: 'Roll a failed upgrade back to its pre-upgrade snapshot: writes since the snapshot are lost',
    },
    async (request) => {
      await operationGuard(request, request.params.id, 'lifecycle:write');
      return service.rollback(request.params.id, actor(callerOf(request)));
    },
  );
  route<ById>(
    'post',
    `${op}/cancel`,
    `POST ${op}/cancel`,
    { config: write, params: idParams, summary: 'Stop a running operation now; it can be resumed later' },
    async (request) => {
      await operationGuard(request, request.params.id, 'lifecycle:write');
      return service.cancel(request.params.id, actor(callerOf(request)));
    },
  );
}
