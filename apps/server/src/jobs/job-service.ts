import { randomUUID } from 'node:crypto';
import type { RoundTimer, SingletonJob } from '#server/replicas/work-leases.ts';
import type { JobStore, StoredJob, StoredJobStep } from '#server/store/jobs/job-store.ts';
import type { ReplicaStore } from '#server/store/replicas/replica-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { codeOf, reasonValues, type Values } from './job-error-code.ts';
import type { JobContext, JobRecord, JobStep, Jobs } from './jobs.ts';
import { createStepWriter, type StepWriter } from './step-writer.ts';

export interface JobsDeps {
  store: JobStore;
  /** Live replicas, for the sweep of jobs whose replica died. */
  replicas: Pick<ReplicaStore, 'live'>;
  /** This replica; read when a job starts (the composition root learns its address later). */
  replica: { id: string };
  clock: Clock;
  timer: RoundTimer;
  newId?: () => string;
  /** How often the owner looks for cancels asked on other replicas (1.5 s). */
  cancelPollMs?: number;
  /** A replica without a heartbeat this long is dead (the lease duration, 20 s). */
  replicaTtlMs?: number;
  /** How often the sweep looks for jobs of dead replicas (10 s). */
  sweepMs?: number;
  /** Steps kept per job, the note of those left out and the last step included (2,000). */
  maxSteps?: number;
  /** How long stop() waits for cancelled work to end before recording it as ended (5 s). */
  stopGraceMs?: number;
  log: { warn(fields: object, message: string): void };
}

export interface JobsService extends Jobs {
  /** Ends the jobs of replicas that stopped heartbeating; the number ended. */
  sweep(): Promise<number>;
  /** The sweep as a singleton job, run by one replica at a time (WorkLeases `jobs`). */
  sweeper(): SingletonJob;
  /** Cancels every job running here with the reason that this replica stopped, and records them. */
  stop(): Promise<void>;
}

/** Why a job's signal aborted: said as the job's reason. */
class JobEnded extends Error {
  override name = 'JobEnded';
}

interface Running {
  controller: AbortController;
  steps: StepWriter;
  done: Promise<JobRecord>;
}

export const stoppedReason = (replica: string) => `Portolan replica ${replica} stopped while the job ran`;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function toJobRecord(job: StoredJob): JobRecord {
  return {
    id: job.id,
    kind: job.kind,
    ...(job.cluster !== null ? { cluster: job.cluster } : {}),
    ...(job.namespace !== null ? { namespace: job.namespace } : {}),
    ...(job.target !== null ? { target: job.target } : {}),
    createdBy: job.createdBy,
    state: job.state,
    replica: job.replica,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    error: job.error,
    ...(job.errorCode !== null ? { errorCode: job.errorCode, errorParams: job.errorParams ?? {} } : {}),
    result: job.result,
  };
}

export const toJobStep = (step: StoredJobStep): JobStep => ({ ...step, at: step.at.toISOString() });

/**
 * Jobs recorded in the store and run on this replica. Steps are numbered as the work says them and
 * written behind it in batches, so the work never waits on the database; the end is written after the
 * last step, so a reader that sees the end has seen every step. A cancel asked on another replica is
 * recorded in the job's row, and the owner picks it up within `cancelPollMs`.
 */
export function createJobs(deps: JobsDeps): JobsService {
  const newId = deps.newId ?? randomUUID;
  const pollMs = deps.cancelPollMs ?? 1_500;
  const ttlMs = deps.replicaTtlMs ?? 20_000;
  const maxSteps = deps.maxSteps ?? 2_000;
  const running = new Map<string, Running>();
  let poller: { cancel(): void } | undefined;

  async function recordOf(id: string): Promise<JobRecord> {
    const job = await deps.store.get(id);
    if (!job) throw new Error(`job ${id} is not in the store`);
    return toJobRecord(job);
  }

  async function pollCancels(): Promise<void> {
    if (running.size === 0) {
      poller?.cancel();
      poller = undefined;
      return;
    }
    try {
      for (const request of await deps.store.cancelRequests(deps.replica.id))
        running.get(request.id)?.controller.abort(new JobEnded(`Cancelled by ${request.by}`));
    } catch (error) {
      deps.log.warn({ err: error }, 'reading cancels asked on other replicas failed; trying again');
    }
  }

  async function run(
    id: string,
    controller: AbortController,
    steps: StepWriter,
    work: (job: JobContext) => Promise<unknown>,
  ): Promise<JobRecord> {
    const context: JobContext = {
      id,
      signal: controller.signal,
      step: (code, params, text, level = 'info') => steps.add({ code, params, text, level }),
    };
    let end: {
      state: 'succeeded' | 'failed' | 'cancelled';
      error: string | null;
      errorCode?: string;
      errorParams?: Values;
      result?: unknown;
    };
    let coded: { code: string; params: Values } | undefined;
    try {
      // A step that throws before its first await still ends as this job's failure.
      const result = await Promise.resolve().then(() => work(context));
      end = { state: 'succeeded', error: null, result: result ?? null };
    } catch (error) {
      const reason = controller.signal.reason;
      coded = controller.signal.aborted ? undefined : codeOf(error);
      end = controller.signal.aborted
        ? { state: 'cancelled', error: reason instanceof JobEnded ? reason.message : messageOf(reason) }
        : {
            state: 'failed',
            error: messageOf(error),
            ...(coded ? { errorCode: coded.code, errorParams: coded.params } : {}),
          };
    }
    if (end.state !== 'succeeded') {
      const reason = end.error ?? '';
      const code = end.state === 'failed' ? 'failed' : 'cancelled';
      const text = end.state === 'failed' ? `Failed: ${reason}` : `Cancelled: ${reason}`;
      steps.add(
        {
          code,
          params: reasonValues(reason, coded),
          text,
          level: end.state === 'failed' ? 'error' : 'warning',
        },
        true,
      );
    }
    await steps.close();
    try {
      await deps.store.finish(id, { ...end, at: deps.clock() });
    } catch (error) {
      deps.log.warn({ err: error, job: id }, 'recording the end of a job failed');
    }
    running.delete(id);
    return recordOf(id);
  }

  const service: JobsService = {
    async start(spec, work) {
      const id = newId();
      await deps.store.create({
        id,
        kind: spec.kind,
        cluster: spec.cluster ?? null,
        namespace: spec.namespace ?? null,
        target: spec.target ?? null,
        createdBy: { id: spec.createdBy.id, name: spec.createdBy.name },
        state: 'running',
        replica: deps.replica.id,
        createdAt: deps.clock(),
      });
      const controller = new AbortController();
      const steps = createStepWriter({
        jobId: id,
        store: deps.store,
        clock: deps.clock,
        maxSteps,
        log: deps.log,
      });
      const entry: Running = { controller, steps, done: Promise.resolve(undefined as never) };
      running.set(id, entry);
      entry.done = run(id, controller, steps, work);
      // The work's end is recorded by run(); a failure to read it back is only the caller's concern.
      entry.done.catch(() => undefined);
      poller ??= deps.timer.every(pollMs, () => void pollCancels());
      return recordOf(id);
    },
    async get(id) {
      const job = await deps.store.get(id);
      return job ? toJobRecord(job) : undefined;
    },
    async list(filter) {
      const page = await deps.store.list({ ...filter, visible: filter.visible ?? { all: true } });
      return { ...page, items: page.items.map(toJobRecord) };
    },
    async steps(id, afterSeq = 0) {
      return (await deps.store.steps(id, afterSeq)).map(toJobStep);
    },
    async cancel(id, by) {
      const local = running.get(id);
      if (local) {
        if (local.controller.signal.aborted) return true;
        local.controller.abort(new JobEnded(`Cancelled by ${by.name}`));
        return true;
      }
      // Another replica runs it: it reads the request within its poll.
      return deps.store.requestCancel(id, by.name);
    },
    async finished(id) {
      const local = running.get(id);
      if (local) return local.done;
      for (;;) {
        const job = await deps.store.get(id);
        if (!job) throw new Error(`no job ${id}`);
        if (job.state !== 'running') return toJobRecord(job);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
    async sweep() {
      const now = deps.clock().getTime();
      const live = (await deps.replicas.live(now - ttlMs)).map((replica) => replica.id);
      // A job younger than the liveness window may belong to a replica that has not joined yet.
      const orphans = await deps.store.orphans(
        [...new Set([...live, deps.replica.id])],
        new Date(now - ttlMs),
      );
      let ended = 0;
      for (const job of orphans) {
        const ok = await deps.store.finish(job.id, {
          state: 'failed',
          at: deps.clock(),
          error: stoppedReason(job.replica),
        });
        if (ok) ended++;
      }
      return ended;
    },
    sweeper() {
      let round: { cancel(): void } | undefined;
      return {
        start() {
          round ??= deps.timer.every(deps.sweepMs ?? 10_000, () => {
            service
              .sweep()
              .catch((error: unknown) =>
                deps.log.warn({ err: error }, 'ending the jobs of stopped replicas failed; trying again'),
              );
          });
        },
        stop() {
          round?.cancel();
          round = undefined;
        },
      };
    },
    async stop() {
      poller?.cancel();
      poller = undefined;
      const reason = stoppedReason(deps.replica.id);
      const jobs = [...running.entries()];
      for (const [, job] of jobs) job.controller.abort(new JobEnded(reason));
      const grace = new Promise<void>((resolve) => setTimeout(resolve, deps.stopGraceMs ?? 5_000).unref());
      await Promise.race([Promise.allSettled(jobs.map(([, job]) => job.done)), grace]);
      // Work that ignores its signal is recorded as cancelled all the same: it stops with the process.
      for (const [id] of jobs)
        if (running.has(id))
          await deps.store
            .finish(id, { state: 'cancelled', at: deps.clock(), error: reason })
            .catch((error: unknown) =>
              deps.log.warn({ err: error, job: id }, 'recording a job’s end failed'),
            );
    },
  };
  return service;
}
