import { KIND_REGISTRY, parseQuantity } from '@portolan/kinds';
import type { VisibleScopes } from '#server/iam/authorize.ts';
import type { Cluster, PodRequestSum, ResourceCount, Store } from '#server/store/store.ts';
import { withinOf } from './search-service.ts';

/** `apps/deployments`, …: the workloads collection of the kind registry, counted by health. */
const WORKLOADS = new Set(
  KIND_REGISTRY.inCollection('workloads').map((kind) => `${kind.group}/${kind.plural}`),
);

export interface ResourceTotals {
  cpuCores: number;
  memoryBytes: number;
  pods: number;
}

/** CPU and memory requested by the pods that hold requests (neither Succeeded nor Failed). */
export interface ResourceRequests {
  cpuCores: number;
  memoryBytes: number;
}

/** What a caller who sees only some namespaces of a cluster learns of it: those namespaces' pods and workloads. */
export interface NamespacesSummary {
  pods: Record<string, number>;
  /** `apps/deployments` → { Ready: 3, NotReady: 1 } */
  workloads: Record<string, Record<string, number>>;
  requests: ResourceRequests;
}

export interface ClusterSummary extends NamespacesSummary {
  nodes: { ready: number; total: number };
  capacity: ResourceTotals;
  allocatable: ResourceTotals;
  versions: Record<string, number>;
}

/**
 * One cluster's part: `cluster` when the caller sees it whole; `namespaces` when only some of its
 * namespaces, and then nothing cluster-level (nodes, capacity, allocatable, versions).
 */
export type ClusterSummaryEntry =
  | (ClusterSummary & { name: string; status: string; visibility: 'cluster' })
  | (NamespacesSummary & { name: string; status: string; visibility: 'namespaces'; namespaces: string[] });

export interface Summary {
  /** Over everything the caller sees; cluster-level figures only from the clusters seen whole. */
  total: ClusterSummary;
  clusters: ClusterSummaryEntry[];
}

/** The types a summary counts. */
const SUMMARY_TYPES = [
  { group: '', resource: 'nodes' },
  { group: '', resource: 'pods' },
  ...[...WORKLOADS].map((key) => {
    const [group = '', resource = ''] = key.split('/');
    return { group, resource };
  }),
];

const emptyTotals = (): ResourceTotals => ({ cpuCores: 0, memoryBytes: 0, pods: 0 });
const emptySummary = (): ClusterSummary => ({
  nodes: { ready: 0, total: 0 },
  pods: {},
  workloads: {},
  requests: { cpuCores: 0, memoryBytes: 0 },
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

/** Millicores add up exactly; cores are a decimal view of them. */
function addRequests(into: { cpuMillicores: number; memoryBytes: number }, sum: PodRequestSum): void {
  into.cpuMillicores += sum.cpuMillicores;
  into.memoryBytes += sum.memoryBytes;
}

function mergeNamespaces(total: NamespacesSummary, one: NamespacesSummary): void {
  for (const [phase, n] of Object.entries(one.pods)) total.pods[phase] = (total.pods[phase] ?? 0) + n;
  for (const [kind, phases] of Object.entries(one.workloads)) {
    const into = total.workloads[kind] ?? {};
    total.workloads[kind] = into;
    for (const [phase, n] of Object.entries(phases)) into[phase] = (into[phase] ?? 0) + n;
  }
}

function merge(total: ClusterSummary, one: ClusterSummary): void {
  total.nodes.ready += one.nodes.ready;
  total.nodes.total += one.nodes.total;
  mergeNamespaces(total, one);
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
 * CPU/memory capacity and allocatable, pod requests, Kubernetes versions, of what the caller sees
 * (`visible`, from visibleScopes). Counts and requests come from what the store keeps as rows change,
 * never from scanning rows; capacity from the (few) node rows. A cluster seen only through some
 * namespaces gets its pods, workloads and requests in those namespaces (their rows are counted) and
 * nothing cluster-level.
 */
export async function summarize(store: Store, clusters: Cluster[], visible: VisibleScopes): Promise<Summary> {
  if (!visible) throw new Error("summarize needs the caller's visibility: pass visibleScopes(caller)");
  const whole = (cluster: Cluster) => visible.all || visible.clusters.includes(cluster.name);
  const namespacesOf = new Map<string, string[]>();
  if (!visible.all) {
    for (const { cluster, namespace } of visible.namespaces) {
      if (!namespace) continue;
      namespacesOf.set(cluster, [...(namespacesOf.get(cluster) ?? []), namespace]);
    }
  }
  const seen = clusters.filter((cluster) => whole(cluster) || namespacesOf.has(cluster.name));
  const ids = seen.map((cluster) => cluster.id);
  const wholeIds = seen.filter(whole).map((cluster) => cluster.id);
  const within = withinOf(visible, seen);
  const counts = ids.length
    ? await store.resources.counts(
        within ? { clusterIds: ids, within, types: SUMMARY_TYPES } : { clusterIds: ids },
      )
    : [];
  const byCluster = new Map(seen.map((cluster) => [cluster.id, emptySummary()]));
  for (const count of counts) {
    const summary = byCluster.get(count.clusterId);
    if (summary) addCount(summary, count);
  }
  const requested = new Map(seen.map((cluster) => [cluster.id, { cpuMillicores: 0, memoryBytes: 0 }]));
  if (ids.length) {
    for (const sum of await store.resources.podRequests({ clusterIds: ids, ...(within && { within }) })) {
      const into = requested.get(sum.clusterId);
      if (into) addRequests(into, sum);
    }
  }
  if (wholeIds.length) {
    let continueToken: string | undefined;
    do {
      const page = await store.resources.search({
        clusterIds: wholeIds,
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
  const totalRequested = { cpuMillicores: 0, memoryBytes: 0 };
  const perCluster = seen.map((cluster): ClusterSummaryEntry => {
    const summary = byCluster.get(cluster.id) ?? emptySummary();
    const own = requested.get(cluster.id) ?? { cpuMillicores: 0, memoryBytes: 0 };
    totalRequested.cpuMillicores += own.cpuMillicores;
    totalRequested.memoryBytes += own.memoryBytes;
    summary.requests = { cpuCores: own.cpuMillicores / 1000, memoryBytes: own.memoryBytes };
    if (!whole(cluster)) {
      const { pods, workloads, requests } = summary;
      mergeNamespaces(total, summary);
      const namespaces = [...new Set(namespacesOf.get(cluster.name))].sort();
      return {
        name: cluster.name,
        status: cluster.status,
        visibility: 'namespaces',
        namespaces,
        pods,
        workloads,
        requests,
      };
    }
    if (cluster.version) summary.versions[cluster.version] = 1;
    merge(total, summary);
    return { name: cluster.name, status: cluster.status, visibility: 'cluster', ...summary };
  });
  total.requests = { cpuCores: totalRequested.cpuMillicores / 1000, memoryBytes: totalRequested.memoryBytes };
  return { total, clusters: perCluster };
}
