import {
  BACKUP_ROUTES,
  type RestoreListQuery,
  type RestoreResultQuery,
  type RestoreSpec,
  restoreSpec,
  type VeleroBackupBody,
  type VeleroRestoreBody,
  veleroBackupBody,
  veleroRestoreBody,
} from '@portolan/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BackupError } from '#server/backups/backup-errors.ts';
import type { Restores } from '#server/backups/restore-service.ts';
import { createVeleroObject, veleroView } from '#server/backups/velero.ts';
import type { Caller } from '#server/iam/caller.ts';
import { callerOf, requireAllowed } from '#server/iam/route-guards.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { idParams, pageOf, reaches, requireReach } from './backup-access.ts';

export interface RestoreRouteDeps {
  restores: Restores;
  /** The connected client of a registered cluster, or undefined. */
  clientByName(name: string): Promise<KubeClient | undefined>;
}

const tags = ['backups'];
type ById = { Params: { id: string } };
type ByCluster = { Params: { cluster: string } };
const actorOf = (caller: Caller) => ({ id: caller.userId, name: caller.username });

/**
 * Restores and the Velero view. A restore needs backups:write on the backup's cluster and every source
 * namespace, and on the target cluster and every mapped namespace (cluster reach for cluster-scoped
 * objects); restoring Secrets needs secrets:reveal on the source namespaces too.
 */
export function registerRestoreRoutes(app: FastifyInstance, deps: RestoreRouteDeps): void {
  const read = { permission: 'backups:read', scope: 'handler' } as const;
  const write = { permission: 'backups:write', scope: 'handler' } as const;
  const { restores } = deps;

  async function authorizeRestore(request: FastifyRequest, caller: Caller, input: RestoreSpec) {
    const spec = restores.fill(input);
    const backup = await restores.backupRecord(spec.backup);
    if (!backup || !reaches(caller, 'backups:read', backup))
      throw new BackupError(
        'invalid',
        `no backup has id "${spec.backup}"; GET /api/v1/backups lists them`,
        'backup',
      );
    // Chosen objects reach the namespaces they are in, and a chosen Namespace object the namespace it
    // makes (under its mapped name): both are checked below.
    const source =
      spec.namespaces ??
      (spec.objects
        ? [
            ...new Set(
              spec.objects.flatMap((o) =>
                o.namespace ? [o.namespace] : o.kind === 'Namespace' && o.apiVersion === 'v1' ? [o.name] : [],
              ),
            ),
          ]
        : backup.namespaces);
    const sourceWide = backup.namespaces.length === 0 && !spec.namespaces && !spec.objects;
    const targets = source.map((ns) => spec.namespaceMapping[ns] ?? ns);
    request.auditTarget = { cluster: spec.cluster, kind: 'restores', name: spec.backup };
    requireReach(caller, 'backups:write', {
      cluster: backup.cluster,
      namespaces: source,
      clusterWide: sourceWide || spec.clusterScoped,
    });
    requireReach(caller, 'backups:write', {
      cluster: spec.cluster,
      namespaces: targets,
      clusterWide: sourceWide || spec.clusterScoped,
    });
    const holdsSecrets = (backup.kinds ?? []).some((k) => k.group === '' && k.resource === 'secrets');
    const wantsSecrets = !spec.objects || spec.objects.some((o) => o.kind === 'Secret');
    if (holdsSecrets && wantsSecrets) {
      if (sourceWide) requireAllowed(caller, 'secrets:reveal', { cluster: backup.cluster });
      for (const namespace of source)
        requireAllowed(caller, 'secrets:reveal', { cluster: backup.cluster, namespace });
    }
    // The restore is kept with the namespaces it was allowed for, so those who may reach them can
    // follow and cancel it (a restore without them counts as cluster-wide). The objects it takes do
    // not change: every chosen object is in one of them.
    return sourceWide || spec.namespaces ? spec : { ...spec, namespaces: source };
  }

  async function visibleRestore(caller: Caller, id: string) {
    const view = await restores.get(id).catch(() => undefined);
    const namespaces = view
      ? (view.spec.namespaces ?? []).map((ns) => view.spec.namespaceMapping?.[ns] ?? ns)
      : [];
    if (!view || !reaches(caller, 'backups:read', { cluster: view.spec.cluster, namespaces }))
      throw new BackupError('not-found', `no restore has id "${id}"; GET /api/v1/restores lists them`);
    return view;
  }

  async function clientOf(cluster: string) {
    const client = await deps.clientByName(cluster);
    if (!client)
      throw new BackupError(
        'not-found',
        `no connected cluster is named "${cluster}"; GET /api/v1/clusters lists them`,
      );
    return client;
  }

  app.post<{ Body: RestoreSpec }>(
    '/api/v1/restores/plan',
    {
      config: write,
      schema: {
        tags,
        summary: 'Dry run: what a restore would create, update, skip, and what conflicts (changes nothing)',
        body: restoreSpec,
        response: BACKUP_ROUTES['POST /api/v1/restores/plan'].response,
      },
    },
    async (request: FastifyRequest<{ Body: RestoreSpec }>) => {
      const spec = await authorizeRestore(request, callerOf(request), request.body);
      return restores.plan(spec);
    },
  );
  app.post<{ Body: RestoreSpec }>(
    '/api/v1/restores',
    {
      config: write,
      schema: {
        tags,
        summary: 'Restore a backup into a cluster: answers at once with the running restore',
        body: restoreSpec,
        response: BACKUP_ROUTES['POST /api/v1/restores'].response,
      },
    },
    async (request: FastifyRequest<{ Body: RestoreSpec }>, reply: FastifyReply) => {
      const caller = callerOf(request);
      const spec = await authorizeRestore(request, caller, request.body);
      const started = await restores.start(spec, actorOf(caller));
      return reply.status(202).send(started.view);
    },
  );
  app.get<{ Querystring: RestoreListQuery }>(
    '/api/v1/restores',
    {
      config: read,
      schema: {
        tags,
        summary: 'Restores newest first, into what the caller reaches',
        querystring: BACKUP_ROUTES['GET /api/v1/restores'].querystring,
        response: BACKUP_ROUTES['GET /api/v1/restores'].response,
      },
    },
    async (request: FastifyRequest<{ Querystring: RestoreListQuery }>) => {
      const caller = callerOf(request);
      const { cluster, state, limit, continue: token } = request.query;
      const items = (
        await restores.list({ ...(cluster ? { cluster } : {}), ...(state ? { state } : {}) })
      ).filter((view) =>
        reaches(caller, 'backups:read', {
          cluster: view.spec.cluster,
          namespaces: (view.spec.namespaces ?? []).map((ns) => view.spec.namespaceMapping?.[ns] ?? ns),
        }),
      );
      return pageOf(items, limit, token);
    },
  );
  app.get<ById>(
    '/api/v1/restores/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One restore with its counts',
        params: idParams,
        response: BACKUP_ROUTES['GET /api/v1/restores/:id'].response,
      },
    },
    async (request: FastifyRequest<ById>) => visibleRestore(callerOf(request), request.params.id),
  );
  app.get<ById & { Querystring: RestoreResultQuery }>(
    '/api/v1/restores/:id/results',
    {
      config: read,
      schema: {
        tags,
        summary: "Each object's outcome, with the reason of every failure",
        params: idParams,
        querystring: BACKUP_ROUTES['GET /api/v1/restores/:id/results'].querystring,
        response: BACKUP_ROUTES['GET /api/v1/restores/:id/results'].response,
      },
    },
    async (request: FastifyRequest<ById & { Querystring: RestoreResultQuery }>) => {
      await visibleRestore(callerOf(request), request.params.id);
      const { outcome, limit, continue: token } = request.query;
      const results = (await restores.results(request.params.id)).filter(
        (r) => !outcome || r.outcome === outcome,
      );
      return pageOf(results, limit, token);
    },
  );
  app.post<ById>(
    '/api/v1/restores/:id/cancel',
    {
      config: write,
      schema: {
        tags,
        summary: 'Cancel a running restore: objects already restored stay',
        params: idParams,
        response: BACKUP_ROUTES['POST /api/v1/restores/:id/cancel'].response,
      },
    },
    async (request: FastifyRequest<ById>) => {
      const caller = callerOf(request);
      const view = await visibleRestore(caller, request.params.id);
      request.auditTarget = { cluster: view.spec.cluster, kind: 'restores', name: view.id };
      requireReach(caller, 'backups:write', {
        cluster: view.spec.cluster,
        namespaces: (view.spec.namespaces ?? []).map((ns) => view.spec.namespaceMapping?.[ns] ?? ns),
      });
      return restores.cancel(request.params.id, actorOf(caller));
    },
  );

  app.get<ByCluster>(
    '/api/v1/clusters/:cluster/velero',
    {
      config: { permission: 'backups:read' },
      schema: {
        tags,
        summary: "Velero's Backup and Restore objects on the cluster, or why there are none",
        response: BACKUP_ROUTES['GET /api/v1/clusters/:cluster/velero'].response,
      },
    },
    async (request: FastifyRequest<ByCluster>) => veleroView(await clientOf(request.params.cluster)),
  );
  app.post<ByCluster & { Body: VeleroBackupBody }>(
    '/api/v1/clusters/:cluster/velero/backups',
    {
      config: { permission: 'backups:write' },
      schema: {
        tags,
        summary: 'Create a Velero Backup (Velero copies volume data where it is set up to)',
        body: veleroBackupBody,
        response: BACKUP_ROUTES['POST /api/v1/clusters/:cluster/velero/backups'].response,
      },
    },
    async (request: FastifyRequest<ByCluster & { Body: VeleroBackupBody }>, reply: FastifyReply) => {
      const { name, includedNamespaces, ttl } = request.body;
      const item = await createVeleroObject(await clientOf(request.params.cluster), 'Backup', name, {
        includedNamespaces,
        ...(ttl ? { ttl } : {}),
      });
      return reply.status(201).send(item);
    },
  );
  app.post<ByCluster & { Body: VeleroRestoreBody }>(
    '/api/v1/clusters/:cluster/velero/restores',
    {
      config: { permission: 'backups:write' },
      schema: {
        tags,
        summary: 'Create a Velero Restore of one of its Backups',
        body: veleroRestoreBody,
        response: BACKUP_ROUTES['POST /api/v1/clusters/:cluster/velero/restores'].response,
      },
    },
    async (request: FastifyRequest<ByCluster & { Body: VeleroRestoreBody }>, reply: FastifyReply) => {
      const { name, backupName } = request.body;
      const item = await createVeleroObject(await clientOf(request.params.cluster), 'Restore', name, {
        backupName,
      });
      return reply.status(201).send(item);
    },
  );
}
