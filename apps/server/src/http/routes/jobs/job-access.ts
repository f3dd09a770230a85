import type { Scope } from '@portolan/api';
import { authorize, visibleScopes } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import type { Permission } from '#server/iam/permissions.ts';
import type { JobRecord, Jobs } from '#server/jobs/jobs.ts';
import type { JobVisibility } from '#server/store/jobs/job-store.ts';
import { StoreError } from '#server/store/store.ts';

/** Where a job acts: its namespace, its cluster, or the platform when it names no cluster. */
export function scopeOf(job: Pick<JobRecord, 'cluster' | 'namespace'>): Scope {
  if (job.cluster === undefined) return 'platform';
  return job.namespace === undefined
    ? { cluster: job.cluster }
    : { cluster: job.cluster, namespace: job.namespace };
}

/** The jobs a caller may list: those on clusters and namespaces it may read; platform-wide ones with platform reach. */
export function jobVisibility(caller: Caller): JobVisibility {
  const visible = visibleScopes(caller);
  return visible.all
    ? { all: true }
    : { all: false, clusters: visible.clusters, namespaces: visible.namespaces };
}

export const mayReadJob = (caller: Caller, job: JobRecord, action: Permission = 'resources:read') =>
  authorize(caller, action, scopeOf(job));

/** The job when the caller may read it; otherwise not found, so a job out of reach is not even confirmed. */
export async function readableJob(jobs: Jobs, caller: Caller, id: string): Promise<JobRecord> {
  const job = await jobs.get(id);
  if (!job || !mayReadJob(caller, job))
    throw new StoreError(
      'not-found',
      `no job ${id} that you may read; GET /api/v1/jobs lists the ones you may`,
    );
  return job;
}
