import type { JobVisibility } from '#server/store/jobs/job-store.ts';

/**
 * Recorded jobs: long actions (a Helm install, later a cluster upgrade or a backup) that run in the
 * background, write their steps in plain words as they go, and are kept afterwards. A step has a
 * code and parameters (so the console can say it in the reader's language) and its English text.
 * Jobs are rows in the store, so every replica lists them and streams their steps.
 */
export type JobState = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobStep {
  /** 1, 2, 3… within its job: a stream resumes after the last one it saw. */
  seq: number;
  at: string;
  level: 'info' | 'warning' | 'error';
  /** What happened, as a stable code: `chart-fetched`, `rendered`, `waiting-ready`, `failed`. */
  code: string;
  params: Record<string, string | number>;
  /** The step in English, for logs, the CLI and the audit trail. */
  text: string;
}

export interface JobSpec {
  /** What the job does, e.g. `helm.install`, `helm.upgrade`. */
  kind: string;
  cluster?: string;
  namespace?: string;
  /** What it acts on, e.g. the release name. */
  target?: string;
  /** The user it runs for. */
  createdBy: { id: string; name: string };
}

export interface JobRecord extends JobSpec {
  id: string;
  state: JobState;
  /** The replica that runs (or ran) it. */
  replica: string;
  createdAt: string;
  finishedAt: string | null;
  /** Why it failed or was cancelled, in plain words. */
  error: string | null;
  /**
   * `error` as a code and values, when the work's error said itself with them (`messageCode` and
   * `params`, as a Helm operation's do: helm-codes.ts); the console words it in the reader's language.
   */
  errorCode?: string;
  errorParams?: Record<string, string | number>;
  /** What the work returned, when it succeeded (e.g. the release's new revision). */
  result: unknown;
}

/**
 * What the work gets. It need not write its last step: when it throws, the service adds `failed`
 * (or `cancelled`, when its signal aborted) with `{ reason }` itself; an error with a `messageCode`
 * and `params` adds them as `reasonCode` and `reason.<name>` values, and keeps them in the record.
 */
export interface JobContext {
  readonly id: string;
  /** Records a step; the caller does not wait on the store to keep working. */
  step(
    code: string,
    params: Record<string, string | number>,
    text: string,
    level?: JobStep['level'],
  ): Promise<void>;
  /** Aborted when someone cancels the job or this replica stops. */
  readonly signal: AbortSignal;
}

export interface JobFilter {
  cluster?: string;
  kind?: string;
  state?: JobState;
  createdBy?: string;
  limit?: number;
  continue?: string;
  /** Only jobs on these clusters and namespaces (a caller's reach); every job when absent. */
  visible?: JobVisibility;
}

export interface Jobs {
  /**
   * Records the job and starts `work` on this replica; resolves once the record exists (before the
   * work ends). The work's return value becomes the job's result; a thrown error its reason.
   */
  start(spec: JobSpec, work: (job: JobContext) => Promise<unknown>): Promise<JobRecord>;
  get(id: string): Promise<JobRecord | undefined>;
  list(filter: JobFilter): Promise<{ items: JobRecord[]; continue?: string; total: number }>;
  /** Steps after `afterSeq` (0 for all). */
  steps(id: string, afterSeq?: number): Promise<JobStep[]>;
  /** Asks the running work to stop (its signal aborts); false when the job is not running. */
  cancel(id: string, by: { id: string; name: string }): Promise<boolean>;
  /** Resolves when the job has ended (tests and callers that wait). */
  finished(id: string): Promise<JobRecord>;
}
