import type { ClusterRegistry } from '#server/clusters/cluster-registry.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeConnection } from '#server/kube/kube-connection.ts';
import { createKindResolver, type KindResolver } from '#server/resources/kind-resolver.ts';
import { ClusterUnreachableError } from '#server/resources/resource-errors.ts';
import type { ResourceTarget } from '#server/resources/resource-service.ts';

/** A registered cluster as the routes use it: its client and its kinds. */
export interface ClusterTarget extends ResourceTarget {
  id: string;
  name: string;
}

export interface ClusterTargets {
  /** Throws ClusterError not-found for an unknown name, ClusterUnreachableError without a client. */
  of(name: string): Promise<ClusterTarget>;
  /** The cluster's server and credentials, for streams the client does not offer (exec, follow). */
  connectionOf(name: string): Promise<KubeConnection>;
}

/**
 * One kind resolver per cluster, kept while the cluster's client stays the same: discovery is
 * cached in the resolver, and a new client (new credentials, a restart) starts a fresh one.
 */
export function createClusterTargets(
  clusters: Pick<ClusterRegistry, 'get' | 'clientOf' | 'connectionOf'>,
): ClusterTargets {
  const resolvers = new Map<string, { client: KubeClient; kinds: KindResolver }>();

  const unreachable = (name: string, server: string, reason: string | null) =>
    new ClusterUnreachableError(
      server,
      'no-connection',
      `cluster "${name}" has no open connection (${reason ?? 'its stored credentials could not be opened'}); ` +
        `replace its kubeconfig with PUT /api/v1/clusters/${name}/kubeconfig`,
    );

  return {
    async of(name) {
      const cluster = await clusters.get(name);
      const client = clusters.clientOf(cluster.id);
      if (!client) {
        resolvers.delete(cluster.id);
        throw unreachable(name, cluster.serverUrl, cluster.reason);
      }
      let entry = resolvers.get(cluster.id);
      if (entry?.client !== client) {
        entry = { client, kinds: createKindResolver(client) };
        resolvers.set(cluster.id, entry);
      }
      return { id: cluster.id, name, client, kinds: entry.kinds };
    },
    async connectionOf(name) {
      const cluster = await clusters.get(name);
      const found = await clusters.connectionOf(name);
      if (!found) throw unreachable(name, cluster.serverUrl, cluster.reason);
      return found.connection;
    },
  };
}
