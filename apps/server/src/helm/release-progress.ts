import type { JobContext } from '#server/jobs/jobs.ts';
import { failedHook, HelmCommandError, wasRolledBack } from './helm-runner-errors.ts';
import { countReady, type ObjectHealth } from './manifest-health.ts';

export interface ProgressOptions {
  /** Whether helm waits for readiness (then the job reports M of N ready as it goes). */
  wait: boolean;
  /** How often the store is read for the objects' state. */
  pollMs: number;
  /** How often "M of N ready" is said again when nothing changed. */
  repeatMs?: number;
  /** The release's objects as the store has them now. */
  health: () => Promise<ObjectHealth[]>;
  /** The revision helm returned to after a failure it rolled back. */
  rolledBackTo: () => Promise<number | undefined>;
  /** helm's --timeout, said in a failure to get ready in time. */
  timeoutSeconds?: number;
}

/**
 * Runs helm's apply (`apply`) while reading the release's objects from the store: `applied` once every
 * object exists, `waiting-ready {ready, total}` when the count changes (and every few seconds), and
 * `ready` when helm's wait succeeded. A failure becomes `hook-failed {hook, reason}` and, when helm
 * rolled it back, `rolled-back {revision}`; the job service adds `failed {reason}` from the error.
 */
export async function followApply<T>(
  job: JobContext,
  options: ProgressOptions,
  apply: () => Promise<T>,
): Promise<T> {
  let applied = false;
  let lastReady = -1;
  let lastSaidAt = 0;
  let stopped = false;
  // The wait between looks ends at once when helm does, so the job's end is not held back.
  let wake = () => {};
  const stop = () => {
    stopped = true;
    wake();
  };
  const repeatMs = options.repeatMs ?? 6000;
  const sayApplied = async (total: number) => {
    if (applied) return;
    applied = true;
    await job.step('applied', { count: total }, `Applied ${total} object${total === 1 ? '' : 's'}`);
  };
  const look = async () => {
    const health = await options.health();
    const { ready, total } = countReady(health);
    if (!applied && health.every((object) => object.found)) await sayApplied(total);
    if (!applied || !options.wait || ready === total) return;
    if (ready !== lastReady || Date.now() - lastSaidAt >= repeatMs) {
      lastReady = ready;
      lastSaidAt = Date.now();
      await job.step(
        'waiting-ready',
        { ready, total },
        `Waiting for objects to be ready: ${ready} of ${total} ready`,
      );
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopped) break;
      // A slow or failing store read only delays the report; helm decides the outcome.
      await look().catch(() => undefined);
    }
  })();
  try {
    const result = await apply();
    stop();
    await loop;
    const { total } = countReady(await options.health().catch(() => []));
    await sayApplied(total);
    if (options.wait)
      await job.step(
        'ready',
        { ready: total, total },
        `All ${total} object${total === 1 ? ' is' : 's are'} ready`,
      );
    return result;
  } catch (error) {
    stop();
    await loop;
    if (!(error instanceof HelmCommandError)) throw error;
    await reportFailure(job, error, options);
    throw failureOf(error, options);
  }
}

// helm 4's words when its wait ran out of time (kstatus' watcher, or the hooks' wait).
const OUT_OF_TIME = /context deadline exceeded|timed out waiting|not ready\. status/i;

/**
 * helm's failure said as which kind it was, when its text tells: a hook's (`hook-failed`) or objects
 * not ready within the timeout (`not-ready-in-time`), helm's own text kept whole as `detail`.
 */
export function failureOf(
  error: HelmCommandError,
  options: Pick<ProgressOptions, 'wait' | 'timeoutSeconds'>,
) {
  if (error.messageCode !== 'helm-said') return error;
  const detail = error.message;
  const hook = failedHook(detail);
  const recoded = (said: Parameters<typeof HelmCommandError.coded>[2]) =>
    HelmCommandError.coded(error.status, error.code, said, error.field, error.helmOutput);
  if (hook) return recoded({ messageCode: 'hook-failed', params: { hook, detail } });
  if (options.wait && options.timeoutSeconds !== undefined && OUT_OF_TIME.test(detail))
    return recoded({ messageCode: 'not-ready-in-time', params: { seconds: options.timeoutSeconds, detail } });
  return error;
}

async function reportFailure(
  job: JobContext,
  error: HelmCommandError,
  options: ProgressOptions,
): Promise<void> {
  const reason = error.message;
  const hook = failedHook(reason);
  if (hook) await job.step('hook-failed', { hook, reason }, `The ${hook} hook failed: ${reason}`, 'error');
  if (wasRolledBack(reason)) {
    const revision = await options.rolledBackTo().catch(() => undefined);
    if (revision !== undefined)
      await job.step(
        'rolled-back',
        { revision },
        `Rolled back to revision ${revision} because the upgrade failed`,
        'warning',
      );
  }
}
