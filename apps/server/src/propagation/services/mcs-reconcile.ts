import type { KubeClient } from '#server/kube/kube-client.ts';
import type {
  MultiClusterServiceStore,
  StoredImport,
  StoredMultiClusterService,
} from '#server/store/multicluster-services/mcs-store.ts';
import type { Cluster, ResourceStore } from '#server/store/store.ts';
import { readExports, selectedClusters } from './mcs-exports.ts';
import { removeImport, syncImport } from './mcs-imports.ts';
import { mcsReason } from './mcs-reason.ts';

export interface ReconcileDeps {
  store: MultiClusterServiceStore;
  resources: ResourceStore;
  clusters: () => Promise<Cluster[]>;
  /** Portolan's own client of a cluster, by id; undefined while it has none. */
  clientOf(clusterId: string): KubeClient | undefined;
  now: () => Date;
  /** How long an Offline exporting cluster's last endpoints stay imported. */
  offlineGraceMs: number;
}

const offline = (cluster: string): Pick<StoredImport, 'state' | 'reason' | 'reasonWording'> => ({
  state: 'offline',
  ...mcsReason('import.offline', { cluster }),
});

/**
 * One pass over one multi-cluster Service: read what the exporting clusters offer, bring every import
 * cluster in step, and clean up clusters no longer imported into. A record being removed has its
 * imports deleted, and goes once nothing it created is left. Answers when the next pass is due by
 * itself (an Offline exporter's grace ends), if ever.
 */
export async function reconcileOne(
  deps: ReconcileDeps,
  namespace: string,
  name: string,
): Promise<Date | undefined> {
  const stored = await deps.store.get(namespace, name);
  if (!stored) return undefined;
  const clusters = await deps.clusters();
  if (stored.deleting) {
    await removeEverywhere(deps, stored, clusters);
    return undefined;
  }
  const now = deps.now();
  const { exports, service, expiresAt } = await readExports({
    document: stored.document,
    clusters,
    resources: deps.resources,
    previous: stored.exports,
    now,
    graceMs: deps.offlineGraceMs,
  });
  await deps.store.setExports(namespace, name, exports);
  const targets = selectedClusters(stored.document.spec.importTo, clusters);
  for (const cluster of targets) {
    const current = stored.imports.find((entry) => entry.cluster === cluster.name) ?? {
      cluster: cluster.name,
      state: 'pending' as const,
      endpoints: 0,
      owned: [],
    };
    const client = deps.clientOf(cluster.id);
    let next: StoredImport;
    if (cluster.status === 'Offline' || !client) next = { ...current, ...offline(cluster.name) };
    else next = await syncImport({ client, document: stored.document, service, exports, current, now });
    await deps.store.putImport(namespace, name, next);
  }
  // Clusters no longer imported into: what the import made there goes; a cluster away keeps its row.
  for (const entry of stored.imports) {
    if (targets.some((cluster) => cluster.name === entry.cluster)) continue;
    const left = await removeFrom(deps, clusters, namespace, entry);
    if (left.length)
      await deps.store.putImport(namespace, name, { ...entry, ...offline(entry.cluster), owned: left });
    else await deps.store.removeImport(namespace, name, entry.cluster);
  }
  return expiresAt;
}

/** Deletes what an import made on its cluster; what is left (cluster away, refused) is returned. */
async function removeFrom(
  deps: ReconcileDeps,
  clusters: readonly Cluster[],
  namespace: string,
  entry: StoredImport,
): Promise<StoredImport['owned']> {
  const cluster = clusters.find((c) => c.name === entry.cluster);
  // A cluster unregistered from Portolan took its objects' fate with it: nothing to delete through us.
  if (!cluster) return [];
  const client = deps.clientOf(cluster.id);
  if (!client || cluster.status === 'Offline') return entry.owned;
  return removeImport(client, namespace, entry);
}

async function removeEverywhere(
  deps: ReconcileDeps,
  stored: StoredMultiClusterService,
  clusters: readonly Cluster[],
): Promise<void> {
  const { namespace, name } = stored.document.metadata;
  let remaining = 0;
  for (const entry of stored.imports) {
    const left = await removeFrom(deps, clusters, namespace, entry);
    remaining += left.length;
    if (left.length) await deps.store.putImport(namespace, name, { ...entry, owned: left });
    else await deps.store.removeImport(namespace, name, entry.cluster);
  }
  // Saved again meanwhile: it lives on.
  if (remaining === 0 && (await deps.store.get(namespace, name))?.deleting)
    await deps.store.delete(namespace, name);
}
