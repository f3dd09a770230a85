import type { ClusterRegistry } from '#server/clusters/cluster-registry.ts';
import type { InspectedCluster } from './inspection-service.ts';

/** The registered cluster of a name as an inspection needs it, or undefined when there is none. */
export function inspectedClusters(registry: Pick<ClusterRegistry, 'get'>) {
  return async (name: string): Promise<InspectedCluster | undefined> => {
    const view = await registry.get(name).catch(() => undefined);
    if (!view) return undefined;
    return {
      id: view.id,
      name: view.name,
      status: view.status,
      reason: view.reason,
      reasonCode: view.reasonCode ?? null,
      reasonParams: view.reasonParams ?? null,
      version: view.version,
      credentials: view.credentialExpiry,
    };
  };
}
