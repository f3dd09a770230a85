import type { JobStore, StoredJobStep } from '#server/store/jobs/job-store.ts';
import type { Clock } from '#server/time/clock.ts';

export interface StepWriter {
  /**
   * Numbers the step now and writes it behind the caller; resolves once it is stored. `last` marks
   * the job's closing step, kept even when the job has said more steps than are kept.
   */
  add(step: Omit<StoredJobStep, 'seq' | 'at'>, last?: boolean): Promise<void>;
  /** Notes the steps left out, if any, and resolves when every step is stored. */
  close(): Promise<void>;
}

/** Steps stored in one statement, at most: well under either dialect's limit on parameters. */
const BATCH = 500;

/**
 * One job's steps, written in order in batches: while one batch is being written, the next steps
 * gather for the following one, so a chatty job costs a few statements rather than one per step.
 * Past `maxSteps - 2` steps the rest are counted, not kept, and one step says how many were left out
 * (two places stay for that note and the job's closing step). A failed write is logged; the job goes on.
 */
export function createStepWriter(deps: {
  jobId: string;
  store: Pick<JobStore, 'addSteps'>;
  clock: Clock;
  maxSteps: number;
  log: { warn(fields: object, message: string): void };
}): StepWriter {
  let seq = 0;
  let omitted = 0;
  let pending: StoredJobStep[] = [];
  let flushing: Promise<void> | undefined;

  async function flush(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.slice(0, BATCH);
      pending = pending.slice(batch.length);
      try {
        await deps.store.addSteps(deps.jobId, batch);
      } catch (error) {
        deps.log.warn({ err: error, job: deps.jobId }, 'recording a job’s steps failed; they are lost');
      }
    }
    flushing = undefined;
  }

  function push(step: Omit<StoredJobStep, 'seq' | 'at'>): Promise<void> {
    seq += 1;
    pending.push({ ...step, seq, at: deps.clock() });
    flushing ??= flush();
    return flushing;
  }

  function noteOmitted(): void {
    if (omitted === 0) return;
    const count = omitted;
    omitted = 0;
    void push({
      code: 'steps-omitted',
      params: { count },
      text: `${count} more steps were left out (a job keeps at most ${deps.maxSteps})`,
      level: 'warning',
    });
  }

  return {
    add(step, last = false) {
      if (last) noteOmitted();
      else if (seq >= deps.maxSteps - 2) {
        omitted += 1;
        return Promise.resolve();
      }
      return push(step);
    },
    async close() {
      noteOmitted();
      await flushing;
    },
  };
}
