import { summarize } from '#server/search/summary-service.ts';
import type { Cluster, Store } from '#server/store/store.ts';
import type { ClusterFacts } from '../contract.ts';

/** A registered cluster as the engine sees it: placement's facts and the id its rows are kept under. */
export interface EngineCluster extends ClusterFacts {
  id: string;
  /** Why the health probe calls it what it does (the last probe's error), if it said. */
  healthReason?: string;
  /** `healthReason` as the cluster's reason code and values (CLUSTER_REASON_CODES). */
  healthReasonCode?: string;
  healthReasonParams?: Record<string, string | number>;
}

function factsOf(cluster: Cluster): EngineCluster {
  const status = cluster.status === 'Ready' || cluster.status === 'Offline' ? cluster.status : 'Unknown';
  return {
    id: cluster.id,
    name: cluster.name,
    labels: cluster.labels,
    status,
    // The health prober keeps the last probe that passed: Offline since then, as near as it knows.
    ...(status === 'Offline' ? { offlineSince: cluster.lastSeenAt ?? cluster.updatedAt } : {}),
    ...(cluster.reason ? { healthReason: cluster.reason } : {}),
    ...(cluster.reason && cluster.reasonCode
      ? { healthReasonCode: cluster.reasonCode, healthReasonParams: cluster.reasonParams ?? {} }
      : {}),
  };
}

/**
 * Every registered cluster's facts. With `capacity`, each cluster's free room too (allocatable
 * minus the requests of pods that hold them, from the summaries the store keeps), which only
 * Capacity placement reads.
 */
export async function clusterFacts(store: Store, capacity: boolean): Promise<EngineCluster[]> {
  const clusters = await store.clusters.list();
  const facts = clusters.map(factsOf);
  if (!capacity || clusters.length === 0) return facts;
  const summary = await summarize(store, clusters, { all: true });
  for (const entry of summary.clusters) {
    const fact = facts.find((f) => f.name === entry.name);
    if (!fact || entry.visibility !== 'cluster') continue;
    const running = (entry.pods.Running ?? 0) + (entry.pods.Pending ?? 0);
    fact.free = {
      cpuMillis: Math.max(0, Math.round((entry.allocatable.cpuCores - entry.requests.cpuCores) * 1000)),
      memoryBytes: Math.max(0, entry.allocatable.memoryBytes - entry.requests.memoryBytes),
      pods: Math.max(0, entry.allocatable.pods - running),
    };
  }
  return facts;
}
