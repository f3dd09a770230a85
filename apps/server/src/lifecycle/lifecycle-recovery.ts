import { nextOccurrence } from '#server/inspections/cron-next.ts';
import type { Jobs } from '#server/jobs/jobs.ts';
import type { RoundTimer, SingletonJob } from '#server/replicas/work-leases.ts';
import type { LifecycleStore } from '#server/store/lifecycle/lifecycle-store.ts';
import { type Lifecycle, recordOf } from './lifecycle-service.ts';

export interface RecoveryDeps {
  store: LifecycleStore;
  jobs: Pick<Jobs, 'get'>;
  lifecycle: Lifecycle;
  clock: () => Date;
  timer: RoundTimer;
  everyMs?: number;
  /** An operation younger than this without a job is still being started (30 s). */
  graceMs?: number;
  log: { warn(fields: object, message: string): void };
}

const SCHEDULER = { id: 'lifecycle-scheduler', name: 'snapshot schedule' };

/**
 * The `lifecycle` singleton: operations whose job died with its replica (a restart of Portolan) are
 * resumed once from the step they were on, a second loss leaves them failed and resumable by hand;
 * and clusters' snapshot schedules are run, each snapshot followed by pruning beyond `keep`.
 */
export function createLifecycleRecovery(deps: RecoveryDeps) {
  const grace = deps.graceMs ?? 30_000;

  async function recoverOperations(): Promise<number> {
    let resumed = 0;
    for (const stored of await deps.store.runningOperations()) {
      const op = recordOf(stored);
      const job = op.jobId ? await deps.jobs.get(op.jobId) : undefined;
      if (job?.state === 'running') continue;
      if (!job && deps.clock().getTime() - new Date(op.createdAt).getTime() < grace) continue;
      const step = op.steps.find((s) => s.state !== 'done' && s.state !== 'skipped');
      if ((op.autoResumed ?? 0) < 1) {
        op.autoResumed = (op.autoResumed ?? 0) + 1;
        for (const s of op.steps) if (s.state === 'running' || s.state === 'failed') s.state = 'pending';
        if (step) {
          step.message = 'Portolan stopped while this step ran; resumed automatically from here';
          step.messageCode = 'resumed-after-restart';
          step.messageParams = {};
        }
        await deps.lifecycle.launch(op, op.createdBy);
        resumed++;
        continue;
      }
      const reason =
        'Portolan stopped twice while the operation ran; resume it by hand when the cause is fixed';
      if (step) {
        step.state = 'failed';
        step.message = reason;
        step.messageCode = 'stopped-twice';
        step.messageParams = {};
      }
      op.state = 'failed';
      op.failure = { step: step?.id ?? '', reason, code: 'stopped-twice', params: {} };
      op.canResume = true;
      op.canRollback = Boolean(op.snapshotId) && op.kind === 'upgrade';
      op.finishedAt = deps.clock().toISOString();
      await deps.store.saveOperation({
        ...stored,
        state: op.state,
        document: op as unknown as Record<string, unknown>,
      });
    }
    return resumed;
  }

  async function runSchedules(): Promise<void> {
    const now = deps.clock();
    for (const cluster of await deps.store.dueSnapshots(now)) {
      const expected = cluster.nextSnapshotAt;
      if (!expected || !cluster.snapshotSchedule) continue;
      const next = nextOccurrence(cluster.snapshotSchedule.cron, now) ?? null;
      if (!(await deps.store.advanceSchedule(cluster.name, expected, next))) continue;
      await deps.lifecycle
        .takeSnapshot(cluster.name, SCHEDULER, 'schedule', cluster.snapshotSchedule.keep)
        .catch((error: unknown) =>
          deps.log.warn(
            { err: error, cluster: cluster.name },
            'a scheduled etcd snapshot did not start; the next one will',
          ),
        );
    }
  }

  const round = async () => {
    await recoverOperations();
    await runSchedules();
  };

  const job = (): SingletonJob => {
    let timer: { cancel(): void } | undefined;
    let busy = false;
    return {
      start() {
        timer ??= deps.timer.every(deps.everyMs ?? 10_000, () => {
          if (busy) return;
          busy = true;
          round()
            .catch((error: unknown) =>
              deps.log.warn({ err: error }, 'lifecycle: a recovery round failed; trying again'),
            )
            .finally(() => {
              busy = false;
            });
        });
      },
      stop() {
        timer?.cancel();
        timer = undefined;
      },
    };
  };

  return { recoverOperations, runSchedules, round, job };
}
