import type { Store } from '#server/store/store.ts';
import { exponentialBackoff } from './backoff.ts';
import type { ChangeHub } from './change-hub.ts';
import type { ResourceSelection } from './resource-selection.ts';
import { createSyncManager, type SyncManager } from './sync-manager.ts';
import { createSyncReporter, type SyncCounter, type SyncLogger } from './sync-reporter.ts';

/**
 * The server's sync manager: its failures, relists and recoveries logged once per change of state and
 * counted, its fenced writes counted per lease generation, clusters named as users know them.
 */
export function wireSync(deps: {
  store: Store;
  changes: ChangeHub;
  selection: ResourceSelection;
  /** The server's counters (its /metrics). */
  addCounter: (counter: { name: string; help: string }) => SyncCounter;
  log: () => SyncLogger;
  nameOf: (clusterId: string) => string;
  /** The refused sync has stopped: its lease is taken again (or left to its new owner) next round. */
  onStoppedByFence: (clusterId: string, generation: number) => void;
}): SyncManager {
  const { addCounter, nameOf } = deps;
  const fencedWrites = addCounter({
    name: 'portolan_sync_fenced_writes_total',
    help: 'Sync writes made under a cluster lease, per cluster, lease generation and outcome (written, or refused because the lease moved to another replica).',
  });
  return createSyncManager({
    store: deps.store,
    changes: deps.changes,
    selection: deps.selection,
    backoff: exponentialBackoff({ baseMs: 500, maxMs: 30_000 }),
    onEvent: createSyncReporter({
      log: deps.log,
      nameOf,
      errors: addCounter({
        name: 'portolan_sync_errors_total',
        help: 'Failed list, watch or discovery attempts per cluster, resource and reason.',
      }),
      relists: addCounter({
        name: 'portolan_sync_relists_total',
        help: 'Relists after a watch was too old for the API server (410 Gone), per cluster and resource.',
      }),
    }),
    onFenced: (clusterId, generation, outcome) =>
      fencedWrites.inc({ cluster: nameOf(clusterId), generation: String(generation), outcome }),
    onStoppedByFence: deps.onStoppedByFence,
  });
}
