/**
 * Where a node's kubelet resource metrics are read, on sandbox clusters and on real ones alike.
 *
 * A real kubelet serves them at `/metrics/resource`. On a sandbox, kwok serves every node's metrics
 * from one port, at `/metrics/nodes/<node>/metrics/resource`, and each sandbox node carries the
 * annotation `metrics.k8s.io/resource-metrics-path` naming that path (metrics-server ≥ 0.7 reads the
 * same annotation). So a scraper reads the annotation and falls back to `/metrics/resource`.
 *
 * Two ways to reach it:
 * - Through the API server's node proxy (holds the kubelet client certificate; what works for remote
 *   clusters whose node addresses Portolan cannot reach):
 *     GET <api server>/api/v1/nodes/<node>/proxy<path>
 * - Directly at the node's kubelet endpoint, as metrics-server and Prometheus' `node` role do:
 *     GET https://<InternalIP>:<status.daemonEndpoints.kubeletEndpoint.Port><path>
 *   On a sandbox that is kwok's port on 127.0.0.1, served with a certificate from the sandbox's CA
 *   (the kubeconfig's certificate-authority-data verifies it; SAN IP:127.0.0.1); kwok asks for no
 *   client credentials.
 * SANDBOX NODES MUST BE SCRAPED DIRECTLY: the API server refuses to proxy to a node whose address is
 * not global unicast (`400 address not allowed`, kube-apiserver's isProxyableHostname), and sandbox
 * nodes live on 127.0.0.1. `kubeletEndpointUrl` builds the direct address from the Node object; a
 * scraper can try the proxy and fall back to it on that refusal, or pick by the address.
 *
 * The answer is Prometheus text (text/plain; version=0.0.4) with the kubelet's names and labels:
 *   node_cpu_usage_seconds_total                      counter  (no labels)
 *   node_memory_working_set_bytes                     gauge    (no labels)
 *   pod_cpu_usage_seconds_total{namespace,pod}        counter
 *   pod_memory_working_set_bytes{namespace,pod}       gauge
 *   container_cpu_usage_seconds_total{container,namespace,pod}   counter
 *   container_memory_working_set_bytes{container,namespace,pod}  gauge
 *   container_start_time_seconds{container,namespace,pod}        gauge (unix seconds)
 *   scrape_error                                      gauge    0
 * Node figures are the sum of the node's pods plus a little for the node itself (kwok-metrics.ts).
 * Like the kubelet's, the series carry no `node` or `cluster` label: the scraper adds them. kwok's
 * counters start at 0 the first time a series is read and grow by usage × elapsed time from then on,
 * so rates are right from the second scrape. How usage is chosen on a sandbox (pod annotations, else
 * requests): see kwok-metrics.ts.
 */

/** The annotation naming a node's resource metrics path (kubelet's default when absent). */
export const RESOURCE_METRICS_PATH_ANNOTATION = 'metrics.k8s.io/resource-metrics-path';

/** The kubelet's own resource metrics path, for nodes without the annotation. */
export const KUBELET_RESOURCE_METRICS_PATH = '/metrics/resource';

/** The path kwok serves a sandbox node's resource metrics at (on kwok's port, as the node's kubelet). */
export const sandboxResourceMetricsPath = (node: string) => `/metrics/nodes/${node}/metrics/resource`;

/** A node's resource metrics path, from its annotations. */
export function resourceMetricsPath(node: { metadata: { annotations?: Record<string, string> } }): string {
  return node.metadata.annotations?.[RESOURCE_METRICS_PATH_ANNOTATION] || KUBELET_RESOURCE_METRICS_PATH;
}

/** The API server path that proxies to a node's resource metrics. */
export function nodeProxyResourceMetricsPath(node: {
  metadata: { name: string; annotations?: Record<string, string> };
}): string {
  return `/api/v1/nodes/${encodeURIComponent(node.metadata.name)}/proxy${resourceMetricsPath(node)}`;
}

interface NodeAddressing {
  metadata: { name: string; annotations?: Record<string, string> };
  status?: {
    addresses?: { type: string; address: string }[];
    daemonEndpoints?: { kubeletEndpoint?: { Port?: number } };
  };
}

/** The node's kubelet URL for its resource metrics, dialled directly (undefined without an InternalIP). */
export function kubeletEndpointUrl(node: NodeAddressing): string | undefined {
  const address = node.status?.addresses?.find((item) => item.type === 'InternalIP')?.address;
  if (!address) return undefined;
  const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port || 10250;
  const host = address.includes(':') ? `[${address}]` : address;
  return `https://${host}:${port}${resourceMetricsPath(node)}`;
}
