import type { ClusterRegistry } from '#server/clusters/cluster-registry.ts';
import type { ClusterFact } from './templates.ts';

/** The registered clusters as alert rules read them: status, reason and credential lifetimes. */
export function alertedClusters(registry: Pick<ClusterRegistry, 'list'>) {
  return async (): Promise<ClusterFact[]> =>
    (await registry.list()).map((cluster) => ({
      name: cluster.name,
      status: cluster.status,
      reason: cluster.reason,
      reasonCode: cluster.reasonCode ?? null,
      reasonParams: cluster.reasonParams ?? null,
      credentials: cluster.credentialExpiry.map((item) => ({
        kind: item.kind,
        field: item.field,
        expiresAt: item.expiresAt ? new Date(item.expiresAt) : undefined,
        renewable: item.renewable,
      })),
    }));
}
