import type { ClusterAccess } from '#server/clusters/cluster-access.ts';
import type { Caller } from '#server/iam/caller.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { createKindResolver, type KindResolver } from './kind-resolver.ts';
import type { ResourceTarget } from './resource-service.ts';

/** A registered cluster as the resource services use it for one caller. */
export interface ClusterTarget extends ResourceTarget {
  id: string;
  name: string;
}

export interface ResourceTargets {
  /** The caller's client of the cluster (from cluster access) and the cluster's kinds. */
  of(cluster: string, caller: Caller): Promise<ClusterTarget>;
}

/**
 * One kind resolver per cluster, kept while the cluster's client stays the same: discovery is
 * cached in the resolver, and a new client (new credentials, a restart) starts a fresh one.
 */
export function createResourceTargets(access: ClusterAccess): ResourceTargets {
  const resolvers = new Map<string, { client: KubeClient; kinds: KindResolver }>();
  return {
    async of(name, caller) {
      const { id, client, discovery } = await access.clientFor(name, caller);
      let entry = resolvers.get(id);
      if (entry?.client !== discovery) {
        entry = { client: discovery, kinds: createKindResolver(discovery) };
        resolvers.set(id, entry);
      }
      return { id, name, client, kinds: entry.kinds };
    },
  };
}
