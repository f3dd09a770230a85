import { LeaseLostError, type WriteFence } from '#server/store/replicas/lease-guard.ts';
import type { Store } from '#server/store/store.ts';

/** A write by a sync whose cluster lease has moved to another replica. */
export class FencedWriteError extends Error {
  override name = 'FencedWriteError';
}

/** What a sync's writes are fenced by: the lease it holds, and a quick local check. */
export interface SyncFence {
  /** Checked in the same transaction as each write (Store.fencedWrites). */
  lease: WriteFence;
  /**
   * False once this replica knows the lease is gone (it expired while the process was paused):
   * refused without asking the database. True proves nothing; the transaction's check decides.
   */
  held(): boolean;
}

/**
 * The store as one cluster's sync sees it when replicas share the database: every write checks, in
 * its own transaction, that this replica still holds the cluster's lease under the generation the
 * sync started with, and is refused otherwise. A replica paused between deciding to write and
 * writing (SIGSTOP, a long pause) therefore never writes over the new owner's rows.
 */
export function fencedStore(
  store: Store,
  clusterId: string,
  fence: SyncFence,
  onRefused: () => void,
  /** Told of each write that passed the fence (counted, to show none passes under a lost lease). */
  onWritten?: () => void,
): Store {
  const writes = store.fencedWrites(fence.lease);
  const refuse = (cause?: unknown): never => {
    onRefused();
    throw new FencedWriteError(
      `the sync of cluster ${clusterId} lost its lease to another replica; this replica stops syncing it`,
      ...(cause ? [{ cause }] : []),
    );
  };
  const fenced = async <T>(write: () => Promise<T>): Promise<T> => {
    if (!fence.held()) refuse();
    try {
      const result = await write();
      onWritten?.();
      return result;
    } catch (error) {
      if (error instanceof LeaseLostError) refuse(error);
      throw error;
    }
  };
  const resources = withWrites(store.resources, {
    applyChanges: (...args) => fenced(() => writes.resources.applyChanges(...args)),
    replaceAll: (...args) => fenced(() => writes.resources.replaceAll(...args)),
    purgeCluster: (...args) => fenced(() => writes.resources.purgeCluster(...args)),
  });
  const syncStates = withWrites(store.syncStates, {
    put: (...args) => fenced(() => writes.syncStates.put(...args)),
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
