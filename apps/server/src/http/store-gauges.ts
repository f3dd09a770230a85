import { stat } from 'node:fs/promises';
import type { Store } from '#server/store/store.ts';
import type { SyncManager } from '#server/sync/sync-manager.ts';
import type { Metrics } from './metrics.ts';

/** Gauges read at each scrape of /metrics: sync lag, objects kept, resource types by state, store size. */
export function addStoreGauges(
  metrics: Metrics,
  deps: {
    store: Store;
    sync: SyncManager;
    /** The SQLite file whose size is reported; undefined on PostgreSQL. */
    sqliteFile: string | undefined;
  },
): void {
  const { store, sync, sqliteFile } = deps;
  metrics.addGauge({
    name: 'portolan_sync_lag_milliseconds',
    help: 'Time from a watch event to its row in the store, last batch, per cluster and resource.',
    samples: async () =>
      (await store.syncStates.list()).map((state) => ({
        labels: {
          cluster: state.clusterId,
          resource: state.group ? `${state.resource}.${state.group}` : state.resource,
        },
        value: state.lagMs ?? 0,
      })),
  });
  metrics.addGauge({
    name: 'portolan_store_objects',
    help: 'Objects kept in the store per cluster.',
    samples: async () => {
      const totals = new Map<string, number>();
      for (const count of await store.resources.counts())
        totals.set(count.clusterId, (totals.get(count.clusterId) ?? 0) + count.count);
      return [...totals].map(([cluster, value]) => ({ labels: { cluster }, value }));
    },
  });
  metrics.addGauge({
    name: 'portolan_sync_resource_types',
    help: 'Resource types synced per cluster, by state.',
    samples: async () =>
      sync.statuses().flatMap((status) => {
        const byState = new Map<string, number>();
        for (const resource of status.resources)
          byState.set(resource.state, (byState.get(resource.state) ?? 0) + 1);
        return [...byState].map(([state, value]) => ({
          labels: { cluster: status.clusterId, state },
          value,
        }));
      }),
  });
  if (sqliteFile) {
    metrics.addGauge({
      name: 'portolan_store_bytes',
      help: 'Size of the SQLite store file.',
      samples: async () => {
        const size = await stat(sqliteFile)
          .then((s) => s.size)
          .catch(() => 0);
        return [{ labels: {}, value: size }];
      },
    });
  }
}
