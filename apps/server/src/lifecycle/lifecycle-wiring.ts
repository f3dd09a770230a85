import type { SandboxLifecycleManager } from '@portolan/sandbox';
import type { ClusterRegistry } from '#server/clusters/cluster-registry.ts';
import type { JobsService } from '#server/jobs/job-service.ts';
import type { RoundTimer, SingletonJob } from '#server/replicas/work-leases.ts';
import type { Store } from '#server/store/store.ts';
import type { SyncManager } from '#server/sync/sync-manager.ts';
import type { Clock } from '#server/time/clock.ts';
import { createLifecycleRecovery } from './lifecycle-recovery.ts';
import { createLifecycle, type Lifecycle } from './lifecycle-service.ts';
import { createSandboxProvider } from './providers/sandbox-provider.ts';
import { registryManagedClusters } from './registry-clusters.ts';
import { createSnapshotSchedules, type LifecycleSchedules } from './snapshot-schedule.ts';

/**
 * Cluster lifecycle: clusters made by a provider (the sandbox), each change an operation run as a job;
 * its singleton job resumes operations whose replica died and runs etcd snapshot schedules.
 */
export function wireLifecycle(deps: {
  store: Store;
  jobs: JobsService;
  sandboxes: SandboxLifecycleManager;
  clusters: ClusterRegistry;
  sync: Pick<SyncManager, 'status'>;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  timer: RoundTimer;
  log: { warn(fields: object, message: string): void };
}): { lifecycle: Lifecycle; schedules: LifecycleSchedules; job: SingletonJob } {
  const { store, jobs, clock } = deps;
  const lifecycle = createLifecycle({
    store: store.lifecycle,
    jobs,
    provider: createSandboxProvider({ sandboxes: deps.sandboxes }),
    clusters: registryManagedClusters({
      clusters: deps.clusters,
      sync: deps.sync,
      store,
      env: deps.env,
      clock,
    }),
    clock,
  });
  const recovery = createLifecycleRecovery({
    store: store.lifecycle,
    jobs,
    lifecycle,
    clock,
    timer: deps.timer,
    log: deps.log,
  });
  const schedules = createSnapshotSchedules({ store: store.lifecycle, clock, managed: lifecycle.managed });
  return { lifecycle, schedules, job: recovery.job() };
}
