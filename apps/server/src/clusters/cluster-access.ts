import type { Caller } from '#server/iam/caller.ts';
import { impersonationOf, isPlatformAdmin } from '#server/iam/caller.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { connectionWith, type KubeConnection } from '#server/kube/kube-connection.ts';
import { ClusterNotConnectedError } from './cluster-errors.ts';
import type { ClusterRegistry } from './cluster-registry.ts';

/** A registered cluster's client for one caller. */
export interface ClusterClient {
  id: string;
  name: string;
  /** Acts as the caller (unless a platform Admin), so the member cluster's RBAC decides too. */
  client: KubeClient;
  /** Portolan's own client, for discovery only: every signed-in user may discover a cluster's kinds. */
  discovery: KubeClient;
}

/** Who acts as whom on a member cluster: services ask here for a caller's client or connection. */
export interface ClusterAccess {
  /** Throws ClusterError not-found for an unknown name, ClusterNotConnectedError without a client. */
  clientFor(cluster: string, caller: Caller): Promise<ClusterClient>;
  /** The cluster's server and credentials for the caller, for streams the client does not offer (exec, follow). */
  connectionFor(cluster: string, caller: Caller): Promise<KubeConnection>;
}

/**
 * The headers a request to a member cluster carries for this caller: none for a platform Admin
 * (Portolan's own credentials), else Impersonate-User and Impersonate-Group, so the member's RBAC
 * (kept in step with Portolan's bindings) decides too.
 */
export function impersonationHeaders(caller: Caller): Record<string, string | string[]> | undefined {
  if (isPlatformAdmin(caller)) return undefined;
  const { user, groups } = impersonationOf(caller);
  return groups.length
    ? { 'impersonate-user': user, 'impersonate-group': groups }
    : { 'impersonate-user': user };
}

export function createClusterAccess(
  clusters: Pick<ClusterRegistry, 'get' | 'clientOf' | 'connectionOf'>,
): ClusterAccess {
  return {
    async clientFor(name, caller) {
      const cluster = await clusters.get(name);
      const own = clusters.clientOf(cluster.id);
      if (!own) throw new ClusterNotConnectedError(name, cluster.serverUrl, cluster.reason);
      const as = impersonationHeaders(caller);
      return { id: cluster.id, name, client: as ? own.withHeaders(as) : own, discovery: own };
    },
    async connectionFor(name, caller) {
      const cluster = await clusters.get(name);
      const found = await clusters.connectionOf(name);
      if (!found) throw new ClusterNotConnectedError(name, cluster.serverUrl, cluster.reason);
      const as = impersonationHeaders(caller);
      return as ? connectionWith(found.connection, as) : found.connection;
    },
  };
}
