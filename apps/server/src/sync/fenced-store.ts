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
  const resources = withWrites(store.resources, {
    async applyChanges(id, changes) {
      await check();
      return store.resources.applyChanges(id, changes);
    },
    async replaceAll(...args) {
      await check();
      return store.resources.replaceAll(...args);
    },
    async purgeCluster(id) {
      await check();
      return store.resources.purgeCluster(id);
    },
  });
  const syncStates = withWrites(store.syncStates, {
    async put(...args) {
      await check();
      return store.syncStates.put(...args);
    },
  });
  return { ...store, resources, syncStates };
}

/**
 * A table that answers as `table` but for the methods in `writes`. The tables are class instances
 * with private fields, so neither a spread (which drops prototype methods) nor a prototype chain
 * (whose `this` lacks the private fields) will do: every other method is bound to the real table.
 */
function withWrites<T extends object>(table: T, writes: Partial<T>): T {
  return new Proxy(table, {
    get(target, key) {
      if (key in writes) return writes[key as keyof T];
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
