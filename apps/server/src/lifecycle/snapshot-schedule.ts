import { readCron } from '@portolan/api';
import { nextOccurrence } from '#server/inspections/cron-next.ts';
import type { LifecycleStore } from '#server/store/lifecycle/lifecycle-store.ts';
import { LifecycleError } from './lifecycle-errors.ts';

export interface LifecycleSchedules {
  /** Turns a cluster's snapshot schedule on, changes it, or (cron null) turns it off. */
  set(name: string, body: { cron: string | null; keep?: number }): Promise<void>;
}

export function createSnapshotSchedules(deps: {
  store: LifecycleStore;
  clock: () => Date;
  /** Refuses clusters Portolan did not create. */
  managed: (name: string) => Promise<unknown>;
}): LifecycleSchedules {
  return {
    async set(name, body) {
      await deps.managed(name);
      if (body.cron === null) {
        await deps.store.setSchedule(name, null, null);
        return;
      }
      const reading = readCron(body.cron);
      if (!reading.ok)
        throw new LifecycleError(
          'invalid',
          `cron "${body.cron}" is not a five-field schedule: ${reading.problem}; e.g. "0 */6 * * *"`,
          'cron',
        );
      const next = nextOccurrence(body.cron, deps.clock());
      if (!next)
        throw new LifecycleError(
          'invalid',
          `cron "${body.cron}" never fires; choose a schedule that does`,
          'cron',
        );
      await deps.store.setSchedule(name, { cron: body.cron, keep: body.keep ?? 7 }, next);
    },
  };
}
