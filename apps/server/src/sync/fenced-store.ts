import type { Store } from '#server/store/store.ts';

/** A write by a sync whose cluster lease has moved to another replica. */
export class FencedWriteError extends Error {
  override name = 'FencedWriteError';
}

/**
 * The store as one cluster's sync sees it when replicas share the database: every write first
 * checks that this replica still holds the cluster's lease under the generation the sync started
 * with, and is refused otherwise (a replica paused past its lease never writes over the new owner's).
 */
export function fencedStore(
  store: Store,
  clusterId: string,
  holds: () => Promise<boolean>,
  onRefused: () => void,
): Store {
  const check = async () => {
    if (await holds()) return;
    onRefused();
    throw new FencedWriteError(
      `the sync of cluster ${clusterId} lost its lease to another replica; this replica stops syncing it`,
    );
  };
  return {
    ...store,
    resources: {
      ...store.resources,
      async applyChanges(id, changes) {
        await check();
        return store.resources.applyChanges(id, changes);
      },
      async replaceAll(id, type, records, resourceVersion) {
        await check();
        return store.resources.replaceAll(id, type, records, resourceVersion);
      },
      async purgeCluster(id) {
        await check();
        return store.resources.purgeCluster(id);
      },
    },
    syncStates: {
      ...store.syncStates,
      async put(id, type, state) {
        await check();
        return store.syncStates.put(id, type, state);
      },
    },
  };
}
