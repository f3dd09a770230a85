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
      const release = { name: target.name, namespace: target.namespace, cluster: target.cluster };
      if (starting.has(key))
        throw HelmCommandError.coded(409, 'operation-running', {
          messageCode: 'operation-starting',
          params: release,
        });
      starting.add(key);
      try {
        const job = await runningJob(target);
        if (job)
          throw HelmCommandError.coded(409, 'operation-running', {
            messageCode: 'operation-running',
            params: {
              ...release,
              operation: job.kind.replace('helm.', ''),
              job: job.id,
              user: job.createdBy.name,
            },
          });
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
  throw HelmCommandError.coded(409, 'release-pending', {
    messageCode: 'release-pending',
    params: { name: target.name, namespace: target.namespace, status: release.status },
  });
}
