import {
  BACKUP_ROUTES,
  type BackupDestinationInput,
  type BackupListQuery,
  type BackupObjectQuery,
  type BackupPlanSpec,
  backupDestinationInput,
  backupPlanSpec,
} from '@portolan/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readArchive } from '#server/backups/archive-reader.ts';
import { BackupError } from '#server/backups/backup-errors.ts';
import type { Backups } from '#server/backups/backup-service.ts';
import type { Destinations } from '#server/backups/destinations.ts';
import type { Caller } from '#server/iam/caller.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { idParams, nameParams, pageOf, reaches, requireReach } from './backup-access.ts';

export interface BackupRouteDeps {
  backups: Backups;
  destinations: Destinations;
}

const tags = ['backups'];
const destination = '/api/v1/backups/destinations/:name';
const plan = '/api/v1/backups/plans/:name';
type Named = { Params: { name: string } };
type ById = { Params: { id: string } };
const actorOf = (caller: Caller) => ({ id: caller.userId, name: caller.username });
const noContent = { 204: { type: 'null', description: 'removed' } };

/**
 * Backup destinations (platform Admins: they hold credentials), plans and backups. Plans and backups
 * are checked at their cluster and each namespace they touch; one the caller does not reach answers
 * 404, as one never made.
 */
export function registerBackupRoutes(app: FastifyInstance, deps: BackupRouteDeps): void {
  const read = { permission: 'backups:read', scope: 'handler' } as const;
  const write = { permission: 'backups:write', scope: 'handler' } as const;
  const admin = { permission: 'backups:admin' } as const;
  const { backups, destinations } = deps;

  async function visiblePlan(caller: Caller, name: string) {
    const spec = await backups.planSpec(name);
    if (!spec || !reaches(caller, 'backups:read', spec))
      throw new BackupError(
        'not-found',
        `no backup plan is named "${name}"; GET /api/v1/backups/plans lists them`,
      );
    return spec;
  }
  async function visibleBackup(caller: Caller, id: string) {
    const record = await backups.record(id).catch(() => undefined);
    if (!record || !reaches(caller, 'backups:read', record))
      throw new BackupError('not-found', `no backup has id "${id}"; GET /api/v1/backups lists them`);
    return record;
  }

  app.get(
    '/api/v1/backups/destinations',
    {
      config: read,
      schema: {
        tags,
        summary: 'Backup destinations (secrets never shown)',
        response: BACKUP_ROUTES['GET /api/v1/backups/destinations'].response,
      },
    },
    async () => ({
      items: await destinations.list(),
    }),
  );
  app.put<Named & { Body: BackupDestinationInput }>(
    destination,
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create or replace a destination: a host folder or S3-compatible storage',
        params: nameParams,
        body: backupDestinationInput,
        response: BACKUP_ROUTES[`PUT ${destination}`].response,
      },
    },
    async (request: FastifyRequest<Named & { Body: BackupDestinationInput }>, reply: FastifyReply) => {
      const { view, created } = await destinations.put(request.params.name, request.body);
      return reply.status(created ? 201 : 200).send(view);
    },
  );
  app.delete<Named>(
    destination,
    {
      config: admin,
      schema: {
        tags,
        summary: 'Remove a destination no plan uses (its archives stay where they are)',
        params: nameParams,
        response: { ...BACKUP_ROUTES[`DELETE ${destination}`].response, ...noContent },
      },
    },
    async (request: FastifyRequest<Named>, reply: FastifyReply) => {
      await destinations.delete(request.params.name);
      return reply.status(204).send();
    },
  );
  app.post<Named>(
    `${destination}/test`,
    {
      config: admin,
      schema: {
        tags,
        summary: 'Whether Portolan can write to the destination',
        params: nameParams,
        response: BACKUP_ROUTES[`POST ${destination}/test`].response,
      },
    },
    async (request: FastifyRequest<Named>) => destinations.test(request.params.name),
  );

  app.get(
    '/api/v1/backups/plans',
    {
      config: read,
      schema: {
        tags,
        summary: 'Backup plans the caller reaches',
        response: BACKUP_ROUTES['GET /api/v1/backups/plans'].response,
      },
    },
    async (request) => {
      const caller = callerOf(request);
      return { items: (await backups.listPlans()).filter((view) => reaches(caller, 'backups:read', view)) };
    },
  );
  app.get<Named>(
    plan,
    {
      config: read,
      schema: {
        tags,
        summary: 'One backup plan with its last backup and next run',
        params: nameParams,
        response: BACKUP_ROUTES[`GET ${plan}`].response,
      },
    },
    async (request: FastifyRequest<Named>) => {
      await visiblePlan(callerOf(request), request.params.name);
      return backups.getPlan(request.params.name);
    },
  );
  app.put<Named & { Body: BackupPlanSpec }>(
    plan,
    {
      config: write,
      schema: {
        tags,
        summary: 'Create or replace a backup plan',
        description:
          'Needs backups:write at the cluster and every namespace named (the whole cluster when namespaces is empty or clusterScoped).',
        params: nameParams,
        body: backupPlanSpec,
        response: BACKUP_ROUTES[`PUT ${plan}`].response,
      },
    },
    async (request: FastifyRequest<Named & { Body: BackupPlanSpec }>, reply: FastifyReply) => {
      const caller = callerOf(request);
      const body = request.body;
      request.auditTarget = { cluster: body.cluster, kind: 'backup-plans', name: request.params.name };
      const existing = await backups.planSpec(request.params.name);
      if (existing)
        requireReach(caller, 'backups:write', { ...existing, clusterWide: existing.clusterScoped });
      requireReach(caller, 'backups:write', {
        cluster: body.cluster,
        namespaces: body.namespaces ?? [],
        clusterWide: body.clusterScoped ?? false,
      });
      const { view, created } = await backups.putPlan(request.params.name, body, actorOf(caller));
      return reply.status(created ? 201 : 200).send(view);
    },
  );
  app.delete<Named>(
    plan,
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a backup plan (its backups stay until deleted)',
        params: nameParams,
        response: { ...BACKUP_ROUTES[`DELETE ${plan}`].response, ...noContent },
      },
    },
    async (request: FastifyRequest<Named>, reply: FastifyReply) => {
      const caller = callerOf(request);
      const spec = await visiblePlan(caller, request.params.name);
      request.auditTarget = { cluster: spec.cluster, kind: 'backup-plans', name: request.params.name };
      requireReach(caller, 'backups:write', { ...spec, clusterWide: spec.clusterScoped });
      await backups.deletePlan(request.params.name);
      return reply.status(204).send();
    },
  );
  app.post<Named>(
    `${plan}/run`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Back up now: answers at once with the running backup',
        params: nameParams,
        response: BACKUP_ROUTES[`POST ${plan}/run`].response,
      },
    },
    async (request: FastifyRequest<Named>, reply: FastifyReply) => {
      const caller = callerOf(request);
      const spec = await visiblePlan(caller, request.params.name);
      request.auditTarget = { cluster: spec.cluster, kind: 'backups', name: request.params.name };
      requireReach(caller, 'backups:write', { ...spec, clusterWide: spec.clusterScoped });
      const started = await backups.run(request.params.name, 'manual', actorOf(caller));
      return reply.status(202).send(started.view);
    },
  );

  app.get<{ Querystring: BackupListQuery }>(
    '/api/v1/backups',
    {
      config: read,
      schema: {
        tags,
        summary: 'Backups newest first, of what the caller reaches',
        querystring: BACKUP_ROUTES['GET /api/v1/backups'].querystring,
        response: BACKUP_ROUTES['GET /api/v1/backups'].response,
      },
    },
    async (request: FastifyRequest<{ Querystring: BackupListQuery }>) => {
      const caller = callerOf(request);
      const { plan: planName, cluster, state, limit, continue: token } = request.query;
      const items = (
        await backups.list({
          ...(planName ? { plan: planName } : {}),
          ...(cluster ? { cluster } : {}),
          ...(state ? { state } : {}),
        })
      ).filter((view) => reaches(caller, 'backups:read', view));
      return pageOf(items, limit, token);
    },
  );
  app.get<ById>(
    '/api/v1/backups/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One backup, with what failed and why',
        params: idParams,
        response: BACKUP_ROUTES['GET /api/v1/backups/:id'].response,
      },
    },
    async (request: FastifyRequest<ById>) => {
      await visibleBackup(callerOf(request), request.params.id);
      return backups.get(request.params.id);
    },
  );
  app.get<ById & { Querystring: BackupObjectQuery }>(
    '/api/v1/backups/:id/objects',
    {
      config: read,
      schema: {
        tags,
        summary: 'The objects a backup holds, read from its archive',
        params: idParams,
        querystring: BACKUP_ROUTES['GET /api/v1/backups/:id/objects'].querystring,
        response: BACKUP_ROUTES['GET /api/v1/backups/:id/objects'].response,
      },
    },
    async (request: FastifyRequest<ById & { Querystring: BackupObjectQuery }>) => {
      const caller = callerOf(request);
      const record = await visibleBackup(caller, request.params.id);
      if (record.state !== 'completed' && record.state !== 'partially-failed')
        throw new BackupError('conflict', `backup ${record.id} is ${record.state}: it has no archive`);
      const kinds = new Map((record.kinds ?? []).map((k) => [`${k.group}/${k.version}/${k.resource}`, k]));
      const { namespace, kind, limit, continue: token } = request.query;
      const items: Array<{ apiVersion: string; kind: string; namespace?: string; name: string }> = [];
      const storage = await deps.destinations.storage(record.destination);
      await readArchive(
        await storage.download(record.archive),
        ({ place }) => {
          const known = kinds.get(`${place.group}/${place.version}/${place.resource}`);
          const object = {
            apiVersion: place.group ? `${place.group}/${place.version}` : place.version,
            kind: known?.kind ?? place.resource,
            ...(place.namespace !== undefined ? { namespace: place.namespace } : {}),
            name: place.name,
          };
          if (namespace !== undefined && object.namespace !== namespace) return;
          if (
            kind !== undefined &&
            object.kind.toLowerCase() !== kind.toLowerCase() &&
            place.resource !== kind
          )
            return;
          items.push(object);
        },
        { pathsOnly: true },
      );
      return pageOf(items, limit, token);
    },
  );
  app.post<ById>(
    '/api/v1/backups/:id/cancel',
    {
      config: write,
      schema: {
        tags,
        summary: 'Cancel a running backup: it stops within seconds and its partial archive is removed',
        params: idParams,
        response: BACKUP_ROUTES['POST /api/v1/backups/:id/cancel'].response,
      },
    },
    async (request: FastifyRequest<ById>) => {
      const caller = callerOf(request);
      const record = await visibleBackup(caller, request.params.id);
      request.auditTarget = { cluster: record.cluster, kind: 'backups', name: record.id };
      requireReach(caller, 'backups:write', record);
      return backups.cancel(request.params.id, actorOf(caller));
    },
  );
  app.delete<ById>(
    '/api/v1/backups/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a backup and its archive',
        params: idParams,
        response: { ...BACKUP_ROUTES['DELETE /api/v1/backups/:id'].response, ...noContent },
      },
    },
    async (request: FastifyRequest<ById>, reply: FastifyReply) => {
      const caller = callerOf(request);
      const record = await visibleBackup(caller, request.params.id);
      request.auditTarget = { cluster: record.cluster, kind: 'backups', name: record.id };
      requireReach(caller, 'backups:write', record);
      await backups.delete(request.params.id);
      return reply.status(204).send();
    },
  );
}
