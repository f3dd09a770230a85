import type { KubeConnection } from '#server/kube/kube-connection.ts';

/** The identity a request carries to the member cluster, sent as Impersonate-* headers. */
export interface ProxyImpersonation {
  user: string;
  groups: string[];
}

/** Where one proxied request goes, and as whom. */
export interface ProxyTarget {
  /**
   * The member cluster's API server and Portolan's credentials for it. Return the same object for
   * the same cluster: the proxy keeps one connection pool per KubeConnection.
   */
  connection: KubeConnection;
  /** When given, the upstream credentials must be allowed to impersonate (verb impersonate). */
  impersonate?: ProxyImpersonation;
  /**
   * What the caller may do in this cluster, as text that changes when that changes: a request
   * held open (a watch, an exec) ends when it does, and the member cluster's RBAC decides again.
   */
  access?: string;
}

/**
 * Decides which clusters a caller may reach through the proxy. Answers undefined for a cluster
 * that does not exist or that the caller may not see (both become 404, so names do not leak).
 */
export interface ProxyTargetResolver<Caller> {
  resolve(clusterName: string, caller: Caller): ProxyTarget | undefined | Promise<ProxyTarget | undefined>;
}
