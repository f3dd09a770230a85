import type { ClusterRegistry } from '#server/clusters/cluster-registry.ts';
import type { CredentialCipher } from '#server/clusters/credential-cipher.ts';
import type { Jobs } from '#server/jobs/jobs.ts';
import type { RoundTimer } from '#server/replicas/work-leases.ts';
import type { BackupStore } from '#server/store/backups/backup-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { backupScheduler } from './backup-scheduler.ts';
import { type BackupCluster, createBackups } from './backup-service.ts';
import { createDestinations } from './destinations.ts';
import { createRestores } from './restore-service.ts';

/**
 * Backups and restores as the composition root wires them: the services the routes use and the
 * `backup-scheduler` singleton job. Archives are written in `workDir` before they go to a destination.
 */
export function wireBackups(deps: {
  store: BackupStore;
  cipher: CredentialCipher;
  clusters: Pick<ClusterRegistry, 'get' | 'clientOf'>;
  jobs: Jobs;
  workDir: string;
  clock: Clock;
  timer: RoundTimer;
  log: { warn(fields: object, message: string): void };
  scheduleEveryMs?: number;
}) {
  const cluster = async (name: string): Promise<BackupCluster | undefined> => {
    const view = await deps.clusters.get(name).catch(() => undefined);
    return view ? { id: view.id, name: view.name } : undefined;
  };
  const clientOf = (id: string) => deps.clusters.clientOf(id);
  const destinations = createDestinations({ store: deps.store, cipher: deps.cipher, clock: deps.clock });
  const common = {
    store: deps.store,
    destinations,
    jobs: deps.jobs,
    cluster,
    clientOf,
    clock: deps.clock,
    log: deps.log,
  };
  const backups = createBackups({ ...common, workDir: deps.workDir });
  const restores = createRestores(common);
  return {
    routes: {
      backups,
      destinations,
      restores,
      clientByName: async (name: string) => {
        const found = await cluster(name);
        return found ? clientOf(found.id) : undefined;
      },
    },
    scheduler: backupScheduler({
      tick: () => backups.tick(),
      timer: deps.timer,
      log: deps.log,
      ...(deps.scheduleEveryMs ? { everyMs: deps.scheduleEveryMs } : {}),
    }),
  };
}
