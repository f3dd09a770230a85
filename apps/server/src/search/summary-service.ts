import { parseQuantity } from '#server/kube/quantity.ts';
import type { Cluster, ResourceCount, Store } from '#server/store/store.ts';

const WORKLOADS = new Set([
  'apps/deployments',
  'apps/statefulsets',
  'apps/daemonsets',
  'batch/jobs',
  'batch/cronjobs',
]);

export interface ResourceTotals {
  cpuCores: number;
  memoryBytes: number;
  pods: number;
}

export interface ClusterSummary {
  nodes: { ready: number; total: number };
  pods: Record<string, number>;
  /** `apps/deployments` → { Ready: 3, NotReady: 1 } */
  workloads: Record<string, Record<string, number>>;
  capacity: ResourceTotals;
  allocatable: ResourceTotals;
  versions: Record<string, number>;
}

export interface Summary {
  total: ClusterSummary;
  clusters: Array<ClusterSummary & { name: string; status: string }>;
}

const emptyTotals = (): ResourceTotals => ({ cpuCores: 0, memoryBytes: 0, pods: 0 });
const emptySummary = (): ClusterSummary => ({
  nodes: { ready: 0, total: 0 },
  pods: {},
  workloads: {},
  capacity: emptyTotals(),
  allocatable: emptyTotals(),
  versions: {},
});

function addCount(summary: ClusterSummary, count: ResourceCount): void {
  const key = `${count.group}/${count.resource}`;
  const phase = count.phase ?? 'Unknown';
  if (key === '/nodes') {
    summary.nodes.total += count.count;
    if (phase === 'Ready') summary.nodes.ready += count.count;
  } else if (key === '/pods') {
    summary.pods[phase] = (summary.pods[phase] ?? 0) + count.count;
  } else if (WORKLOADS.has(key)) {
    const byPhase = summary.workloads[key] ?? {};
    summary.workloads[key] = byPhase;
    byPhase[phase] = (byPhase[phase] ?? 0) + count.count;
  }
}

function addTotals(into: ResourceTotals, resources: Record<string, string> | undefined): void {
  into.cpuCores += parseQuantity(resources?.cpu) || 0;
  into.memoryBytes += parseQuantity(resources?.memory) || 0;
  into.pods += parseQuantity(resources?.pods) || 0;
}

function merge(total: ClusterSummary, one: ClusterSummary): void {
  total.nodes.ready += one.nodes.ready;
  total.nodes.total += one.nodes.total;
  for (const [phase, n] of Object.entries(one.pods)) total.pods[phase] = (total.pods[phase] ?? 0) + n;
  for (const [kind, phases] of Object.entries(one.workloads)) {
    const into = total.workloads[kind] ?? {};
    total.workloads[kind] = into;
    for (const [phase, n] of Object.entries(phases)) into[phase] = (into[phase] ?? 0) + n;
  }
  for (const key of ['capacity', 'allocatable'] as const) {
    total[key].cpuCores += one[key].cpuCores;
    total[key].memoryBytes += one[key].memoryBytes;
    total[key].pods += one[key].pods;
  }
  for (const [version, n] of Object.entries(one.versions))
    total.versions[version] = (total.versions[version] ?? 0) + n;
}

/**
 * Per cluster and across all: nodes Ready/total, pods by phase, workloads by kind and health,
 * CPU/memory capacity and allocatable, Kubernetes versions. Counts come from the counters the
 * store keeps as rows change, never from scanning rows; capacity from the (few) node rows.
 */
export async function summarize(store: Store, clusters: Cluster[]): Promise<Summary> {
  const ids = clusters.map((cluster) => cluster.id);
  const counts = ids.length ? await store.resources.counts({ clusterIds: ids }) : [];
  const byCluster = new Map(clusters.map((cluster) => [cluster.id, emptySummary()]));
  for (const count of counts) {
    const summary = byCluster.get(count.clusterId);
    if (summary) addCount(summary, count);
  }
  if (ids.length) {
    let continueToken: string | undefined;
    do {
      const page = await store.resources.search({
        clusterIds: ids,
        types: [{ group: '', resource: 'nodes' }],
        limit: 1000,
        ...(continueToken ? { continue: continueToken } : {}),
      });
      for (const node of page.items) {
        const summary = byCluster.get(node.clusterId);
        const status = (
          node.object as {
            status?: { capacity?: Record<string, string>; allocatable?: Record<string, string> };
          }
        ).status;
        if (!summary) continue;
        addTotals(summary.capacity, status?.capacity);
        addTotals(summary.allocatable, status?.allocatable);
      }
      continueToken = page.continue;
    } while (continueToken);
  }
  const total = emptySummary();
  const perCluster = clusters.map((cluster) => {
    const summary = byCluster.get(cluster.id) ?? emptySummary();
    if (cluster.version) summary.versions[cluster.version] = 1;
    merge(total, summary);
    return { name: cluster.name, status: cluster.status, ...summary };
  });
  return { total, clusters: perCluster };
}
