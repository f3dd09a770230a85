import type { RoundTimer, SingletonJob } from '#server/replicas/work-leases.ts';

/**
 * The `backup-scheduler` singleton job: every round it starts the plans whose schedule is due and
 * prunes backups beyond each plan's retention. One replica holds it at a time.
 */
export function backupScheduler(deps: {
  tick(): Promise<unknown>;
  timer: RoundTimer;
  everyMs?: number;
  log: { warn(fields: object, message: string): void };
}): SingletonJob {
  let round: { cancel(): void } | undefined;
  let busy = false;
  return {
    start() {
      round ??= deps.timer.every(deps.everyMs ?? 15_000, () => {
        if (busy) return;
        busy = true;
        deps
          .tick()
          .catch((error: unknown) =>
            deps.log.warn({ err: error }, 'backup scheduler: a round failed; trying again'),
          )
          .finally(() => {
            busy = false;
          });
      });
    },
    stop() {
      round?.cancel();
      round = undefined;
    },
  };
}
