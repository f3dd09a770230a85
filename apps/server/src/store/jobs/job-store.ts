/**
 * Recorded jobs and their steps in the database (the jobs service, jobs/jobs.ts, is what the rest of
 * the server uses). Times are passed in by the caller, never read here.
 */
export type StoredJobState = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface StoredJobStep {
  seq: number;
  at: Date;
  level: 'info' | 'warning' | 'error';
  code: string;
  params: Record<string, string | number>;
  text: string;
}

export interface StoredJob {
  id: string;
  kind: string;
  cluster: string | null;
  namespace: string | null;
  target: string | null;
  createdBy: { id: string; name: string };
  state: StoredJobState;
  replica: string;
  createdAt: Date;
  finishedAt: Date | null;
  error: string | null;
  /** `error` as a code and values a reader's console words (a Helm operation's: helm-codes.ts). */
  errorCode: string | null;
  errorParams: Record<string, string | number> | null;
  result: unknown;
  /** Who asked another replica to cancel it, until that replica does. */
  cancelRequestedBy: string | null;
}

/** Where a caller may read: everything, or whole clusters and (cluster, namespace) pairs by name. */
export type JobVisibility =
  | { all: true }
  | { all: false; clusters: string[]; namespaces: Array<{ cluster: string; namespace: string }> };

export interface JobQuery {
  visible: JobVisibility;
  cluster?: string;
  kind?: string;
  state?: StoredJobState;
  createdBy?: string;
  /** 1–500; 50 by default. */
  limit?: number;
  /** From the previous page's answer. */
  continue?: string;
}

export interface JobStore {
  create(
    job: Omit<
      StoredJob,
      'finishedAt' | 'error' | 'errorCode' | 'errorParams' | 'result' | 'cancelRequestedBy'
    >,
  ): Promise<void>;
  get(id: string): Promise<StoredJob | undefined>;
  /** Newest first; `total` counts what the filters select (every page the same). */
  list(query: JobQuery): Promise<{ items: StoredJob[]; continue?: string; total: number }>;
  addSteps(jobId: string, steps: StoredJobStep[]): Promise<void>;
  /** Steps with seq above `afterSeq`, in order, at most `limit` (all by default). */
  steps(jobId: string, afterSeq?: number, limit?: number): Promise<StoredJobStep[]>;
  /** Ends a running job; false when it had already ended (then nothing changes). */
  finish(
    id: string,
    end: {
      state: Exclude<StoredJobState, 'running'>;
      at: Date;
      error: string | null;
      /** The error's code and values, when it said itself with them. */
      errorCode?: string;
      errorParams?: Record<string, string | number>;
      result?: unknown;
    },
  ): Promise<boolean>;
  /** Records a cancel for the replica running it; false when the job is not running. */
  requestCancel(id: string, by: string): Promise<boolean>;
  /** Running jobs of `replica` that someone asked to cancel, with who asked. */
  cancelRequests(replica: string): Promise<Array<{ id: string; by: string }>>;
  /** Running jobs created before `before` whose replica is not among `live`. */
  orphans(live: string[], before: Date): Promise<StoredJob[]>;
  /** Deletes jobs that ended before `before`, with their steps; answers how many went. */
  prune(before: Date): Promise<number>;
}
