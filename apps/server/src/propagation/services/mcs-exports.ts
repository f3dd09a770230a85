import type { MultiClusterServiceDocument } from '@portolan/api';
import type { KubeObject } from '#server/resources/kube-object.ts';
import type { StoredExport } from '#server/store/multicluster-services/mcs-store.ts';
import type { Cluster, ResourceStore } from '#server/store/store.ts';
import { selectClusters } from '../placement/select.ts';
import { endpointsOf, selectorOf } from './export-endpoints.ts';
import { serviceNameOf } from './import-objects.ts';
import { mcsReason } from './mcs-reason.ts';

const SERVICES = { group: '', version: 'v1', resource: 'services' } as const;
const PODS = { group: '', resource: 'pods' } as const;
const PAGE = 1000;

/** What the exporting clusters offer now, and the exported Service (for its ports) when one has it. */
export interface ExportReading {
  exports: StoredExport[];
  /** The Service as the first exporting cluster (by name) has it; undefined when none has it. */
  service: KubeObject | undefined;
  /** When an Offline cluster's kept endpoints expire: the next pass is due then, whatever happens. */
  expiresAt?: Date;
}

export const clusterFactsOf = (cluster: Cluster) => ({
  name: cluster.name,
  labels: cluster.labels,
  status: cluster.status,
});

/** The clusters a selector picks among the registered ones. */
export const selectedClusters = (
  selector: Parameters<typeof selectClusters>[0],
  clusters: readonly Cluster[],
): Cluster[] => {
  const names = new Set(selectClusters(selector, clusters.map(clusterFactsOf)));
  return clusters.filter((cluster) => names.has(cluster.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
};

/** Every pod of the namespace the selector picks on one cluster, from the synced store. */
async function podsOf(
  resources: ResourceStore,
  clusterId: string,
  namespace: string,
  selector: string,
): Promise<KubeObject[]> {
  const pods: KubeObject[] = [];
  let token: string | undefined;
  do {
    const page = await resources.search({
      clusterIds: [clusterId],
      types: [PODS],
      namespaces: [namespace],
      labelSelector: selector,
      limit: PAGE,
      ...(token ? { continue: token } : {}),
    });
    for (const item of page.items) pods.push(item.object as KubeObject);
    token = page.continue;
  } while (token);
  return pods;
}

/**
 * Reads, from the synced store, what each exporting cluster offers: the Service's ready pods. A
 * cluster that is Offline keeps what it last offered for `graceMs` after it was last seen, then offers
 * nothing (the reason says so). Without spec.exportFrom, only clusters that have the Service export.
 */
export async function readExports(input: {
  document: MultiClusterServiceDocument;
  clusters: readonly Cluster[];
  resources: ResourceStore;
  previous: readonly StoredExport[];
  now: Date;
  graceMs: number;
}): Promise<ExportReading> {
  const { document, now } = input;
  const namespace = document.metadata.namespace;
  const name = serviceNameOf(document);
  const explicit = document.spec.exportFrom !== undefined;
  const candidates = document.spec.exportFrom
    ? selectedClusters(document.spec.exportFrom, input.clusters)
    : [...input.clusters].sort((a, b) => (a.name < b.name ? -1 : 1));
  const exports: StoredExport[] = [];
  let service: KubeObject | undefined;
  let expiresAt: Date | undefined;
  for (const cluster of candidates) {
    const previous = input.previous.find((entry) => entry.cluster === cluster.name);
    const stored = await input.resources.get(cluster.id, { ...SERVICES, namespace, name });
    if (cluster.status === 'Offline') {
      if (!stored && !previous) continue;
      if (stored) service ??= stored.object as KubeObject;
      const since = cluster.lastSeenAt ?? new Date(0);
      const until = new Date(since.getTime() + input.graceMs);
      const kept = previous && until > now;
      if (kept && (!expiresAt || until < expiresAt)) expiresAt = until;
      exports.push({
        cluster: cluster.name,
        endpoints: kept ? previous.endpoints : [],
        ports: previous?.ports ?? [],
        seenAt: previous?.seenAt ?? since,
        ...(kept
          ? mcsReason('export.offline-kept', { since: since.toISOString(), until: until.toISOString() })
          : mcsReason('export.offline-dropped', {
              since: since.toISOString(),
              seconds: input.graceMs / 1000,
            })),
      });
      continue;
    }
    if (!stored) {
      if (explicit)
        exports.push({
          cluster: cluster.name,
          endpoints: [],
          ports: [],
          seenAt: now,
          ...mcsReason('export.no-service', { namespace, name }),
        });
      continue;
    }
    const object = stored.object as KubeObject;
    service ??= object;
    const selector = selectorOf(object);
    if (!selector) {
      exports.push({
        cluster: cluster.name,
        endpoints: [],
        ports: [],
        seenAt: now,
        ...mcsReason('export.no-selector', { namespace, name }),
      });
      continue;
    }
    const offered = endpointsOf(object, await podsOf(input.resources, cluster.id, namespace, selector));
    exports.push({
      cluster: cluster.name,
      ...offered,
      seenAt: now,
      ...(offered.endpoints.length ? {} : mcsReason('export.no-ready-pods')),
    });
  }
  return { exports, service, ...(expiresAt ? { expiresAt } : {}) };
}
