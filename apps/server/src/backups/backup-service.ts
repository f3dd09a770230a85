import { randomUUID } from 'node:crypto';
import type { BackupPlanSpec, BackupPlanView, BackupState, BackupView } from '@portolan/api';
import { nextOccurrence } from '#server/inspections/cron-next.ts';
import type { Jobs } from '#server/jobs/jobs.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { BackupStore, StoredPlan, StoredRun } from '#server/store/backups/backup-store.ts';
import type { Clock } from '#server/time/clock.ts';
import type { ArchiveKind } from './archive-format.ts';
import { BackupError } from './backup-errors.ts';
import { runBackup } from './backup-run.ts';
import { beyondRetention, checkPlanSpec, type FullPlanSpec } from './backup-spec.ts';
import type { Destinations } from './destinations.ts';

export interface BackupCluster {
  id: string;
  name: string;
}

export interface BackupDeps {
  store: BackupStore;
  destinations: Destinations;
  jobs: Jobs;
  cluster(name: string): Promise<BackupCluster | undefined>;
  clientOf(clusterId: string): KubeClient | undefined;
  /** Where archives are written before they go to their destination. */
  workDir: string;
  clock: Clock;
  newId?: () => string;
  log: { warn(fields: object, message: string): void };
}

export type Actor = { id: string; name: string };

/** The record kept in a backup's row: the view, the archive's key and the kinds it holds. */
export type BackupRecord = BackupView & { archive: string; kinds?: ArchiveKind[] };

export const backupView = (run: StoredRun): BackupView => {
  const { kinds: _kinds, ...view } = run.record as BackupRecord;
  return view;
};

export function deadlineSignal(job: AbortSignal, seconds: number): { signal: AbortSignal; clear(): void } {
  const deadline = new AbortController();
  const timer = setTimeout(
    () =>
      deadline.abort(
        new Error(
          `did not finish within ${seconds} s (its deadline); raise deadlineSeconds or narrow the selection`,
        ),
      ),
    seconds * 1000,
  );
  return { signal: AbortSignal.any([job, deadline.signal]), clear: () => clearTimeout(timer) };
}

export function createBackups(deps: BackupDeps) {
  const { store, clock } = deps;
  const newId = deps.newId ?? randomUUID;

  async function loadPlan(name: string): Promise<StoredPlan> {
    const plan = await store.getPlan(name);
    if (!plan)
      throw new BackupError(
        'not-found',
        `no backup plan is named "${name}"; GET /api/v1/backups/plans lists them`,
      );
    return plan;
  }

  async function planView(plan: StoredPlan): Promise<BackupPlanView> {
    const [last] = await store.listBackups({ plan: plan.name });
    return {
      ...(plan.spec as FullPlanSpec),
      name: plan.name,
      createdAt: plan.createdAt.toISOString(),
      createdBy: plan.createdBy,
      lastBackup: last ? backupView(last) : null,
      nextRunAt: plan.nextRunAt?.toISOString() ?? null,
    };
  }

  async function loadBackup(id: string): Promise<StoredRun> {
    const backup = await store.getBackup(id);
    if (!backup)
      throw new BackupError('not-found', `no backup has id "${id}"; GET /api/v1/backups lists them`);
    return backup;
  }

  async function save(record: BackupRecord): Promise<void> {
    await store.putBackup({
      id: record.id,
      plan: record.plan,
      cluster: record.cluster,
      state: record.state,
      startedAt: new Date(record.startedAt),
      record,
    });
  }

  /** Starts a backup of the plan as a job; answers with its running record. */
  async function start(plan: StoredPlan, trigger: 'manual' | 'schedule', actor: Actor) {
    const spec = plan.spec as FullPlanSpec;
    const cluster = await deps.cluster(spec.cluster);
    const client = cluster ? deps.clientOf(cluster.id) : undefined;
    if (!cluster || !client)
      throw new BackupError(
        'conflict',
        `cluster ${spec.cluster} is not registered or not connected; check GET /api/v1/clusters`,
      );
    const storage = await deps.destinations.storage(spec.destination);
    const id = newId();
    const startedAt = clock();
    const key = `${spec.cluster}/${plan.name}/${startedAt.toISOString().replace(/[:.]/g, '-')}-${id.slice(0, 8)}.tar.gz`;
    const record: BackupRecord = {
      id,
      plan: plan.name,
      cluster: spec.cluster,
      namespaces: spec.namespaces,
      destination: spec.destination,
      state: 'running',
      startedAt: startedAt.toISOString(),
      finishedAt: null,
      trigger,
      objects: 0,
      failed: 0,
      sizeBytes: 0,
      error: null,
      jobId: null,
      failures: [],
      archive: key,
    };
    await save(record);
    let ended = false;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const job = await deps.jobs.start(
      { kind: 'backup', cluster: spec.cluster, target: plan.name, createdBy: actor },
      async (context) => {
        const { signal, clear } = deadlineSignal(context.signal, spec.deadlineSeconds);
        let end: Partial<BackupRecord> = {};
        try {
          const outcome = await runBackup(
            {
              id,
              cluster: spec.cluster,
              plan: plan.name,
              selection: { ...spec, labelSelector: spec.labelSelector ?? null },
              key,
              startedAt,
            },
            { client, storage, workDir: deps.workDir, job: context, signal },
          );
          const state: BackupState = outcome.failed > 0 ? 'partially-failed' : 'completed';
          end = {
            state,
            objects: outcome.objects,
            failed: outcome.failed,
            failures: outcome.failures,
            sizeBytes: outcome.sizeBytes,
            kinds: outcome.manifest.kinds,
          };
          return { objects: outcome.objects };
        } catch (error) {
          const cancelled = context.signal.aborted;
          const reason =
            signal.reason instanceof Error && signal.aborted
              ? signal.reason.message
              : error instanceof Error
                ? error.message
                : String(error);
          end = {
            state: cancelled ? 'cancelled' : 'failed',
            error: cancelled ? 'cancelled; the partial archive was removed' : reason,
            ...(cancelled ? { errorCode: 'backup-cancelled' as const, errorParams: {} } : {}),
          };
          throw signal.aborted && !cancelled ? new Error(reason) : error;
        } finally {
          ended = true;
          clear();
          await save({ ...record, jobId: context.id, ...end, finishedAt: clock().toISOString() }).catch(
            (error: unknown) =>
              deps.log.warn({ err: error, backup: id }, 'recording the end of a backup failed'),
          );
          await pruneAfter(plan.name).catch((error: unknown) =>
            deps.log.warn(
              { err: error, plan: plan.name },
              'pruning old backups failed; the scheduler tries again',
            ),
          );
          done();
        }
      },
    );
    record.jobId = job.id;
    // A job that ended already wrote its end (with its id); this must not overwrite it.
    if (!ended) await save(record);
    return {
      view: backupView({ id, plan: plan.name, cluster: spec.cluster, state: 'running', startedAt, record }),
      finished,
    };
  }

  /** Backups still `running` whose job ended without them (its replica stopped) end as the job did. */
  async function endOrphans(): Promise<void> {
    for (const backup of await store.listBackups({ state: 'running' })) {
      const record = backup.record as BackupRecord;
      const job = record.jobId ? await deps.jobs.get(record.jobId) : undefined;
      if (!job || job.state === 'running') continue;
      await save({
        ...record,
        state: job.state === 'cancelled' ? 'cancelled' : 'failed',
        error: job.error ?? 'the server running it stopped before it ended; run it again',
        ...(job.error ? {} : { errorCode: 'server-stopped' as const, errorParams: {} }),
        finishedAt: job.finishedAt ?? clock().toISOString(),
      });
    }
  }

  /** Removes the plan's backups beyond its retention: the archive, then the record. */
  async function pruneAfter(planName: string): Promise<number> {
    const plan = await store.getPlan(planName);
    if (!plan) return 0;
    const spec = plan.spec as FullPlanSpec;
    const gone = beyondRetention(await store.listBackups({ plan: planName }), spec.retention, clock());
    for (const backup of gone) await remove(backup);
    return gone.length;
  }

  async function remove(backup: StoredRun): Promise<void> {
    const record = backup.record as BackupRecord;
    if (record.state !== 'failed' && record.state !== 'cancelled') {
      const storage = await deps.destinations.storage(record.destination).catch(() => undefined);
      await storage?.remove(record.archive);
    }
    await store.deleteBackup(backup.id);
  }

  return {
    async listPlans() {
      return Promise.all((await store.listPlans()).map(planView));
    },
    async getPlan(name: string) {
      return planView(await loadPlan(name));
    },
    /** The plan's spec as stored (routes check permissions on it). */
    async planSpec(name: string): Promise<FullPlanSpec | undefined> {
      return (await store.getPlan(name))?.spec as FullPlanSpec | undefined;
    },
    async putPlan(
      name: string,
      input: Pick<BackupPlanSpec, 'cluster' | 'destination'> & Partial<BackupPlanSpec>,
      actor: Actor,
    ) {
      const spec = checkPlanSpec(input);
      if (!(await deps.cluster(spec.cluster)))
        throw new BackupError(
          'invalid',
          `no cluster is named "${spec.cluster}"; GET /api/v1/clusters lists them`,
          'cluster',
        );
      await deps.destinations.get(spec.destination);
      const existing = await store.getPlan(name);
      const now = clock();
      const created = await store.putPlan({
        name,
        cluster: spec.cluster,
        destination: spec.destination,
        spec,
        createdBy: existing?.createdBy ?? actor,
        createdAt: existing?.createdAt ?? now,
        nextRunAt: spec.schedule ? (nextOccurrence(spec.schedule, now) ?? null) : null,
      });
      return { view: await planView(await loadPlan(name)), created };
    },
    async deletePlan(name: string) {
      if (!(await store.deletePlan(name))) await loadPlan(name);
    },
    async run(name: string, trigger: 'manual' | 'schedule', actor: Actor) {
      return start(await loadPlan(name), trigger, actor);
    },
    async list(query: { plan?: string; cluster?: string; state?: string }) {
      return (await store.listBackups(query)).map(backupView);
    },
    async get(id: string) {
      return backupView(await loadBackup(id));
    },
    async record(id: string): Promise<BackupRecord> {
      return (await loadBackup(id)).record as BackupRecord;
    },
    async cancel(id: string, by: Actor) {
      const record = (await loadBackup(id)).record as BackupRecord;
      if (record.state === 'running' && record.jobId) {
        await deps.jobs.cancel(record.jobId, by);
        await Promise.race([deps.jobs.finished(record.jobId), new Promise((r) => setTimeout(r, 5_000))]);
      }
      return backupView(await loadBackup(id));
    },
    async delete(id: string) {
      const backup = await loadBackup(id);
      if (backup.state === 'running')
        throw new BackupError(
          'conflict',
          `backup ${id} is running; cancel it first (POST /api/v1/backups/${id}/cancel)`,
        );
      await remove(backup);
    },
    /** One round of the scheduler: starts due plans and prunes every plan. Tests call it. */
    async tick(): Promise<Array<Promise<void>>> {
      const now = clock();
      const runs: Array<Promise<void>> = [];
      for (const plan of await store.duePlans(now)) {
        const schedule = (plan.spec as FullPlanSpec).schedule;
        const next = schedule ? (nextOccurrence(schedule, now) ?? null) : null;
        if (!plan.nextRunAt || !(await store.advancePlan(plan.name, plan.nextRunAt, next))) continue;
        try {
          runs.push((await start(plan, 'schedule', plan.createdBy)).finished);
        } catch (error) {
          deps.log.warn(
            { err: error, plan: plan.name },
            'backup scheduler: a scheduled backup could not start',
          );
        }
      }
      for (const plan of await store.listPlans()) await pruneAfter(plan.name);
      await endOrphans();
      return runs;
    },
  };
}

export type Backups = ReturnType<typeof createBackups>;
