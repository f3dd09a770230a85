import { randomUUID } from 'node:crypto';
import type { RestorePlan, RestoreResult, RestoreSpec, RestoreView } from '@portolan/api';
import type { Jobs } from '#server/jobs/jobs.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { BackupStore, StoredRun } from '#server/store/backups/backup-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { type ArchiveEntry, readArchive } from './archive-reader.ts';
import { BackupError } from './backup-errors.ts';
import type { Actor, BackupCluster, BackupRecord } from './backup-service.ts';
import { deadlineSignal } from './backup-service.ts';
import type { Destinations } from './destinations.ts';
import { applyRestore, type PlannedEntry, planRestore, resultOf } from './restore-apply.ts';
import { selectForRestore } from './restore-order.ts';

export interface RestoreDeps {
  store: BackupStore;
  destinations: Destinations;
  jobs: Jobs;
  cluster(name: string): Promise<BackupCluster | undefined>;
  clientOf(clusterId: string): KubeClient | undefined;
  clock: Clock;
  newId?: () => string;
  log: { warn(fields: object, message: string): void };
}

type FullRestoreSpec = RestoreSpec & {
  namespaceMapping: Record<string, string>;
  existing: 'skip' | 'update';
  clusterScoped: boolean;
};

const viewOf = (run: StoredRun) => run.record as RestoreView;

function countsOf<K extends string>(keys: readonly K[], values: string[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) if (value in counts) counts[value as K]++;
  return counts;
}

export function createRestores(deps: RestoreDeps) {
  const { store, clock } = deps;
  const newId = deps.newId ?? randomUUID;

  function fill(spec: RestoreSpec): FullRestoreSpec {
    const mapping = spec.namespaceMapping ?? {};
    for (const [from, to] of Object.entries(mapping))
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(to) || to.length > 63)
        throw new BackupError('invalid', `"${to}" is not a namespace name`, `namespaceMapping.${from}`);
    return {
      ...spec,
      namespaceMapping: mapping,
      existing: spec.existing ?? 'skip',
      clusterScoped: spec.clusterScoped ?? false,
    };
  }

  async function target(name: string): Promise<KubeClient> {
    const cluster = await deps.cluster(name);
    const client = cluster ? deps.clientOf(cluster.id) : undefined;
    if (!client)
      throw new BackupError(
        'invalid',
        `no connected cluster is named "${name}"; GET /api/v1/clusters lists them`,
        'cluster',
      );
    return client;
  }

  /** The backup's objects the spec takes, read from its archive. */
  async function entriesOf(spec: FullRestoreSpec, signal?: AbortSignal) {
    const backup = await store.getBackup(spec.backup);
    if (!backup)
      throw new BackupError(
        'invalid',
        `no backup has id "${spec.backup}"; GET /api/v1/backups lists them`,
        'backup',
      );
    const record = backup.record as BackupRecord;
    if (record.state !== 'completed' && record.state !== 'partially-failed')
      throw new BackupError(
        'invalid',
        `backup ${spec.backup} is ${record.state}: it has no archive to restore`,
        'backup',
      );
    const storage = await deps.destinations.storage(record.destination);
    const entries: ArchiveEntry[] = [];
    await readArchive(
      await storage.download(record.archive),
      (entry) => entries.push(entry),
      signal ? { signal } : {},
    );
    return selectForRestore(entries, spec);
  }

  async function plan(spec: FullRestoreSpec, signal?: AbortSignal): Promise<PlannedEntry[]> {
    const client = await target(spec.cluster);
    return planRestore(client, await entriesOf(spec, signal), spec.existing, signal);
  }

  async function save(view: RestoreView, results?: RestoreResult[]) {
    await store.putRestore(
      {
        id: view.id,
        plan: null,
        cluster: view.spec.cluster,
        state: view.state,
        startedAt: new Date(view.startedAt),
        record: view,
      },
      results,
    );
  }

  async function load(id: string): Promise<StoredRun> {
    const found = await store.getRestore(id);
    if (!found)
      throw new BackupError('not-found', `no restore has id "${id}"; GET /api/v1/restores lists them`);
    return found;
  }

  return {
    fill,
    /** The dry run: what a restore would do, changing nothing. */
    async plan(input: RestoreSpec): Promise<RestorePlan> {
      const planned = await plan(fill(input));
      return {
        items: planned.map((entry) => {
          const { outcome: _o, error: _e, ...item } = resultOf(entry, 'pending', null);
          return item;
        }),
        counts: countsOf(
          ['create', 'update', 'skip', 'conflict'] as const,
          planned.map((p) => p.action),
        ),
      };
    },
    /** The backup's namespaces (routes check permissions on them). */
    async backupRecord(id: string): Promise<BackupRecord | undefined> {
      return (await store.getBackup(id))?.record as BackupRecord | undefined;
    },
    async start(input: RestoreSpec, actor: Actor) {
      const spec = fill(input);
      const client = await target(spec.cluster);
      const view: RestoreView = {
        id: newId(),
        spec,
        state: 'running',
        startedAt: clock().toISOString(),
        finishedAt: null,
        createdBy: actor,
        counts: { created: 0, updated: 0, skipped: 0, failed: 0 },
        error: null,
        jobId: null,
      };
      await save(view, []);
      let done: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      const job = await deps.jobs.start(
        { kind: 'restore', cluster: spec.cluster, target: spec.backup, createdBy: actor },
        async (context) => {
          const { signal, clear } = deadlineSignal(context.signal, spec.deadlineSeconds ?? 600);
          let results: RestoreResult[] = [];
          try {
            await context.step('reading', { backup: spec.backup }, `Reading backup ${spec.backup}`);
            const planned = await planRestore(client, await entriesOf(spec, signal), spec.existing, signal);
            results = planned.map((entry) => resultOf(entry, 'pending', null));
            await context.step(
              'applying',
              { objects: planned.length },
              `Restoring ${planned.length} objects into ${spec.cluster}`,
            );
            await applyRestore(client, planned, results, {
              signal,
              existing: spec.existing,
              onProgress: (n, total) =>
                void context.step('progress', { done: n, total }, `${n} of ${total} objects done`),
            });
            const failed = results.filter((r) => r.outcome === 'failed');
            for (const failure of failed.slice(0, 100))
              void context.step(
                'object-failed',
                { kind: failure.kind, name: failure.name, reason: failure.error ?? '' },
                `${failure.kind} ${failure.namespace ? `${failure.namespace}/` : ''}${failure.name}: ${failure.error}`,
                'warning',
              );
            view.state = failed.length > 0 ? 'partially-failed' : 'completed';
          } catch (error) {
            const cancelled = context.signal.aborted;
            view.state = cancelled ? 'cancelled' : 'failed';
            if (cancelled) {
              view.errorCode = 'restore-cancelled';
              view.errorParams = {};
            }
            view.error = cancelled
              ? 'cancelled; objects restored before the cancel stay'
              : signal.aborted && signal.reason instanceof Error
                ? signal.reason.message
                : error instanceof Error
                  ? error.message
                  : String(error);
            if (!cancelled) throw new Error(view.error);
            throw error;
          } finally {
            clear();
            view.jobId = context.id;
            view.finishedAt = clock().toISOString();
            view.counts = countsOf(
              ['created', 'updated', 'skipped', 'failed'] as const,
              results.map((r) => r.outcome),
            );
            await save(view, results).catch((error: unknown) =>
              deps.log.warn({ err: error, restore: view.id }, 'recording the end of a restore failed'),
            );
            done();
          }
        },
      );
      view.jobId = job.id;
      await save(view);
      return { view: { ...view }, finished };
    },
    async get(id: string) {
      return viewOf(await load(id));
    },
    async list(query: { cluster?: string; state?: string }) {
      return (await store.listRestores(query)).map(viewOf);
    },
    async results(id: string) {
      await load(id);
      return (await store.restoreResults(id)) as RestoreResult[];
    },
    async cancel(id: string, by: Actor) {
      const view = viewOf(await load(id));
      if (view.state === 'running' && view.jobId) {
        await deps.jobs.cancel(view.jobId, by);
        await Promise.race([deps.jobs.finished(view.jobId), new Promise((r) => setTimeout(r, 5_000))]);
      }
      return viewOf(await load(id));
    },
  };
}

export type Restores = ReturnType<typeof createRestores>;
