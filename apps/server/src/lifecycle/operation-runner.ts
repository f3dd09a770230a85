import type { LifecycleProgressCode, OperationStep } from '@portolan/api';
import { stoppedReason } from '#server/jobs/job-service.ts';
import type { JobContext } from '#server/jobs/jobs.ts';
import type { OperationRecord } from './operation.ts';
import { type Said, StepError } from './step-words.ts';

/** What a step's work gets: its own signal (the job's, or its time limit), progress, the operation. */
export interface StepContext {
  signal: AbortSignal;
  progress(code: LifecycleProgressCode, params: Record<string, string | number>, text: string): void;
  operation: OperationRecord;
}

/**
 * Does one step; answers what it did (kept as the step's message): a code with values and words, or
 * words alone. Must be idempotent.
 */
export type StepWork = (step: OperationStep, context: StepContext) => Promise<Said | string | undefined>;

export interface RunnerDeps {
  /** Writes the operation as it stands (each change of a step's state). */
  save(operation: OperationRecord): Promise<void>;
  clock: () => Date;
  work: StepWork;
}

class StepTimeout extends Error {
  override name = 'StepTimeout';
  readonly seconds: number;
  constructor(seconds: number) {
    super(`took longer than ${seconds} s`);
    this.seconds = seconds;
  }
}

/** Sets or clears the step's message with its code and values. */
function tell(step: OperationStep, words: Said | string | null): void {
  step.message = typeof words === 'string' ? words : (words?.text ?? null);
  delete step.messageCode;
  delete step.messageParams;
  if (words && typeof words !== 'string') {
    step.messageCode = words.code;
    step.messageParams = words.params;
  }
}

const STOPPED = stoppedReason('');
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** True when the job stopped because its Portolan replica stopped: the operation stays running, for recovery. */
export function replicaStopped(signal: AbortSignal): boolean {
  const reason = signal.reason;
  return (
    signal.aborted &&
    reason instanceof Error &&
    reason.message.endsWith(STOPPED.slice(STOPPED.indexOf(' stopped')))
  );
}

/** Rejects when the signal aborts, so a step that ignores its signal still ends at its limit. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * Runs the operation's steps in order from the first one not done, as one job: each step's state,
 * times and message are saved as they change. A step that throws or passes its time limit stops the
 * operation there (failed, with the step and the reason, resumable); a cancel stops it at once through
 * the signal (cancelled, resumable). When this replica stops, the operation is left running for the
 * lifecycle recovery to resume. Throws when the operation did not succeed, so the job fails too.
 */
export async function runOperation(
  operation: OperationRecord,
  job: Pick<JobContext, 'signal' | 'step'>,
  deps: RunnerDeps,
): Promise<OperationRecord> {
  const now = () => deps.clock().toISOString();
  operation.state = 'running';
  operation.failure = null;
  operation.canResume = false;
  operation.canRollback = false;
  operation.finishedAt = null;
  await deps.save(operation);
  for (const step of operation.steps) {
    if (step.state === 'done' || step.state === 'skipped') continue;
    const controller = new AbortController();
    const limit = setTimeout(
      () => controller.abort(new StepTimeout(step.timeoutSeconds)),
      step.timeoutSeconds * 1000,
    );
    const onJobAbort = () => controller.abort(job.signal.reason);
    if (job.signal.aborted) onJobAbort();
    else job.signal.addEventListener('abort', onJobAbort, { once: true });
    step.state = 'running';
    step.startedAt = now();
    step.finishedAt = null;
    tell(step, null);
    await deps.save(operation);
    void job.step('lifecycle.step.started', { step: step.id }, `${step.title}: started`);
    try {
      const context: StepContext = {
        signal: controller.signal,
        operation,
        progress: (code, params, text) => void job.step(code, { step: step.id, ...params }, text),
      };
      const words = await Promise.race([deps.work(step, context), aborted(controller.signal)]);
      step.state = 'done';
      tell(step, words ?? null);
      step.finishedAt = now();
      await deps.save(operation);
      void job.step(
        'lifecycle.step.done',
        { step: step.id },
        `${step.title}: done${step.message ? ` (${step.message})` : ''}`,
      );
    } catch (error) {
      await stopAt(operation, step, error, job.signal, now, deps);
      throw error instanceof StepTimeout ? new Error(`${step.title}: ${error.message}`) : error;
    } finally {
      clearTimeout(limit);
      job.signal.removeEventListener('abort', onJobAbort);
    }
  }
  operation.state = operation.rollingBack ? 'rolled-back' : 'succeeded';
  operation.rollingBack = false;
  operation.finishedAt = now();
  await deps.save(operation);
  return operation;
}

async function stopAt(
  operation: OperationRecord,
  step: OperationStep,
  error: unknown,
  signal: AbortSignal,
  now: () => string,
  deps: RunnerDeps,
): Promise<void> {
  step.finishedAt = now();
  step.state = 'failed';
  if (replicaStopped(signal)) {
    // Left running: the lifecycle recovery resumes it from this step on a replica that runs.
    step.state = 'pending';
    const why = messageOf(signal.reason);
    tell(step, {
      code: 'interrupted',
      params: { reason: why },
      text: `interrupted: ${why}; it is resumed from this step automatically once`,
    });
    await deps.save(operation);
    return;
  }
  const cancelled = signal.aborted;
  const reason: Said | string = cancelled
    ? { code: 'cancelled', params: { reason: messageOf(signal.reason) }, text: messageOf(signal.reason) }
    : error instanceof StepTimeout
      ? { code: 'timeout', params: { seconds: error.seconds }, text: error.message }
      : error instanceof StepError
        ? { code: error.code, params: error.params, text: error.message }
        : messageOf(error);
  tell(step, reason);
  operation.state = cancelled ? 'cancelled' : 'failed';
  operation.failure =
    typeof reason === 'string'
      ? { step: step.id, reason }
      : { step: step.id, reason: reason.text, code: reason.code, params: reason.params };
  operation.canResume = true;
  operation.canRollback =
    Boolean(operation.snapshotId) && operation.kind === 'upgrade' && !operation.rollingBack;
  operation.finishedAt = now();
  await deps.save(operation);
}
