import type { JobRecord, Jobs } from '#server/jobs/jobs.ts';
import { HelmCommandError } from './helm-runner-errors.ts';
import type { ReleaseInfo } from './release-commands.ts';

export interface ReleaseTarget {
  cluster: string;
  namespace: string;
  name: string;
}

/** One Helm operation at a time per release: ours (any replica, from the jobs) and helm's own pending. */
export interface ReleaseGuard {
  /** The running Helm job on this release, if any. */
  runningJob(target: ReleaseTarget): Promise<JobRecord | undefined>;
  /**
   * Refuses (409) when one of our operations runs on the release or is being started here; else
   * holds the release until `free()` (call it once the job has started or the start failed).
   */
  claim(target: ReleaseTarget): Promise<{ free(): void }>;
}

const keyOf = (target: ReleaseTarget) => `${target.cluster}/${target.namespace}/${target.name}`;

export function createReleaseGuard(jobs: Pick<Jobs, 'list'>): ReleaseGuard {
  const starting = new Set<string>();
  const runningJob = async (target: ReleaseTarget) => {
    const { items } = await jobs.list({ cluster: target.cluster, state: 'running', limit: 500 });
    return items.find(
      (job) =>
        job.kind.startsWith('helm.') && job.namespace === target.namespace && job.target === target.name,
    );
  };
  return {
    runningJob,
    async claim(target) {
      const key = keyOf(target);
      const release = `release "${target.name}" in namespace "${target.namespace}" on cluster ${target.cluster}`;
      if (starting.has(key))
        throw new HelmCommandError(
          409,
          'operation-running',
          `another Helm operation on ${release} is starting; wait for it to end`,
        );
      starting.add(key);
      try {
        const job = await runningJob(target);
        if (job)
          throw new HelmCommandError(
            409,
            'operation-running',
            `${job.kind.replace('helm.', '')} of ${release} is running (job ${job.id}, started by ${job.createdBy.name}); wait for it to end (GET /api/v1/jobs/${job.id}) or cancel it`,
          );
      } catch (error) {
        starting.delete(key);
        throw error;
      }
      return { free: () => starting.delete(key) };
    },
  };
}

/**
 * A release helm left `pending-*` with no operation of ours running on it was interrupted; nothing
 * will finish it, and helm refuses every other operation until it is cleared.
 */
export function refusePending(
  release: ReleaseInfo | undefined,
  target: ReleaseTarget,
  allowRollback: boolean,
): void {
  if (!release?.status.startsWith('pending-')) return;
  if (allowRollback) return;
  throw new HelmCommandError(
    409,
    'release-pending',
    `release "${target.name}" in namespace "${target.namespace}" is ${release.status} from an operation that was interrupted; roll it back to its last deployed revision (POST …/rollback with that revision from …/history) to clear it`,
  );
}
