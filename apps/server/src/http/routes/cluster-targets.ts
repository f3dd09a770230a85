import type { FastifyRequest } from 'fastify';
import type { ClusterRegistry } from '#server/clusters/cluster-registry.ts';
import { type Caller, impersonationHeaders } from '#server/iam/caller.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { connectionWith, type KubeConnection } from '#server/kube/kube-connection.ts';
import { createKindResolver, type KindResolver } from '#server/resources/kind-resolver.ts';
import { ClusterUnreachableError } from '#server/resources/resource-errors.ts';
import type { ResourceTarget } from '#server/resources/resource-service.ts';

/**
 * A registered cluster as the routes use it for one caller: a client that impersonates the caller
 * (unless a platform Admin), and the cluster's kinds.
 */
export interface ClusterTarget extends ResourceTarget {
  id: string;
  name: string;
}

export interface ClusterTargets {
  /** Throws ClusterError not-found for an unknown name, ClusterUnreachableError without a client. */
  of(name: string, caller: Caller): Promise<ClusterTarget>;
  /** The cluster's server and credentials, for streams the client does not offer (exec, follow). */
  connectionOf(name: string, caller: Caller): Promise<KubeConnection>;
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
    async of(name, caller) {
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
      const as = impersonationHeaders(caller);
      // Discovery (the kind resolver) stays on Portolan's own client: every signed-in user may discover.
      return { id: cluster.id, name, client: as ? client.withHeaders(as) : client, kinds: entry.kinds };
    },
    async connectionOf(name, caller) {
      const cluster = await clusters.get(name);
      const found = await clusters.connectionOf(name);
      if (!found) throw unreachable(name, cluster.serverUrl, cluster.reason);
      const as = impersonationHeaders(caller);
      return as ? connectionWith(found.connection, as) : found.connection;
    },
  };
}

/** For routes under /api/v1/clusters/:cluster: the client of that cluster, acting for the caller. */
export function requestClient(targets: ClusterTargets) {
  return async (request: FastifyRequest): Promise<KubeClient> => {
    const { cluster } = request.params as { cluster: string };
    return (await targets.of(cluster, callerOf(request))).client;
  };
}
