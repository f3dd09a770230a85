import { authorize, visibleScopes } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';

/**
 * What a caller may read of the metrics, decided like search: monitoring:read on a whole cluster
 * for cluster and node levels, on the namespace for namespace level and below.
 */
export interface QueryAccess {
  /** May read the cluster as a whole (namespace absent) or one namespace of it. */
  mayRead(cluster: string, namespace?: string): boolean;
  /** The namespaces of a cluster the caller may read: all of them, or these (maybe none). */
  namespacesIn(cluster: string): 'all' | string[];
  /** Platform Admins (monitoring:admin) see the PromQL that ran. */
  seesPromql: boolean;
}

export function accessOf(caller: Caller): QueryAccess {
  const visible = visibleScopes(caller, 'monitoring:read');
  return {
    mayRead: (cluster, namespace) =>
      authorize(caller, 'monitoring:read', namespace === undefined ? { cluster } : { cluster, namespace }),
    namespacesIn: (cluster) => {
      if (visible.all || visible.clusters.includes(cluster)) return 'all';
      return visible.namespaces.filter((scope) => scope.cluster === cluster).map((scope) => scope.namespace);
    },
    seesPromql: authorize(caller, 'monitoring:admin', 'platform'),
  };
}
