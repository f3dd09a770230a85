import type { KubeClient } from '#server/kube/kube-client.ts';
import type { Store } from '#server/store/store.ts';
import type { Backoff } from './backoff.ts';
import type { ChangeHub } from './change-hub.ts';
import { type ClusterSync, type ClusterSyncStatus, createClusterSync } from './cluster-sync.ts';
import { fencedStore, type SyncFence } from './fenced-store.ts';
import type { ResourceSelection } from './resource-selection.ts';
import type { SyncEventListener } from './sync-events.ts';

/** The top of the sync engine: one cluster sync per registered cluster. */
export interface SyncManager {
  /**
   * Starts syncing a cluster (again, with a new client, if it was already synced). With `fence`,
   * every write checks in its transaction that this replica still holds the cluster's lease; a
   * refused write stops the sync and is told to `onFenced`.
   */
  add(clusterId: string, client: KubeClient, options?: { fence?: SyncFence }): Promise<void>;
  /** Stops syncing; the rows stay unless `purge` is set; the client is closed unless `keepClient`. */
  remove(clusterId: string, options?: { purge?: boolean; keepClient?: boolean }): Promise<void>;
  status(clusterId: string): ClusterSyncStatus | undefined;
  statuses(): ClusterSyncStatus[];
  stopAll(): Promise<void>;
}

export interface SyncManagerDeps {
  store: Store;
  changes: ChangeHub;
  selection: ResourceSelection;
  backoff: Backoff;
  rediscoverMs?: number;
  /** Told of every cluster's sync failures, 410 relists and recoveries (the server logs and counts them). */
  onEvent?: SyncEventListener;
  resourceSyncOptions?: { pageSize?: number; batchSize?: number; batchMs?: number };
  /**
   * Each fenced write, written or refused because the cluster's lease moved on (counted per lease
   * generation: a replica paused past its lease writes nothing more under the old one).
   */
  onFenced?: (clusterId: string, generation: number, outcome: 'written' | 'refused') => void;
  /** A cluster's current sync stopped on a refused write under that lease generation. */
  onStoppedByFence?: (clusterId: string, generation: number) => void;
}

export function createSyncManager(deps: SyncManagerDeps): SyncManager {
  const clusters = new Map<string, { sync: ClusterSync; client: KubeClient }>();

  async function remove(clusterId: string, purge: boolean, keepClient = false): Promise<void> {
    const entry = clusters.get(clusterId);
    clusters.delete(clusterId);
    if (entry) {
      await entry.sync.stop();
      if (!keepClient) entry.client.close();
    }
    if (purge) await deps.store.resources.purgeCluster(clusterId);
  }

  return {
    async add(clusterId, client, options = {}) {
      // The same client again (a lease taken back) stays open; a replaced one is closed.
      await remove(clusterId, false, clusters.get(clusterId)?.client === client);
      const { fence } = options;
      const sync = createClusterSync({
        clusterId,
        client,
        store: fence
          ? fencedStore(
              deps.store,
              clusterId,
              fence,
              () => {
                deps.onFenced?.(clusterId, fence.lease.generation, 'refused');
                // Only this sync, not one started since (with a newer lease, or the same one taken again).
                if (clusters.get(clusterId)?.sync !== sync) return;
                void remove(clusterId, false, true);
                deps.onStoppedByFence?.(clusterId, fence.lease.generation);
              },
              () => deps.onFenced?.(clusterId, fence.lease.generation, 'written'),
            )
          : deps.store,
        changes: deps.changes,
        selection: deps.selection,
        backoff: deps.backoff,
        ...(deps.rediscoverMs !== undefined ? { rediscoverMs: deps.rediscoverMs } : {}),
        ...(deps.resourceSyncOptions ? { resourceSyncOptions: deps.resourceSyncOptions } : {}),
        ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
      });
      clusters.set(clusterId, { sync, client });
      sync.start();
    },
    remove: (clusterId, options) => remove(clusterId, options?.purge ?? false, options?.keepClient ?? false),
    status: (clusterId) => clusters.get(clusterId)?.sync.status(),
    statuses: () => [...clusters.values()].map((entry) => entry.sync.status()),
    async stopAll() {
      await Promise.all([...clusters.keys()].map((clusterId) => remove(clusterId, false)));
    },
  };
}
