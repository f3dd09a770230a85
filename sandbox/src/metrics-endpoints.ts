/**
 * Where a node's kubelet resource metrics are read, on sandbox clusters and on real ones alike.
 *
 * A real kubelet serves them at `/metrics/resource`. On a sandbox, kwok serves every node's metrics
 * from one port, at `/metrics/nodes/<node>/metrics/resource`, and each sandbox node carries the
 * annotation `metrics.k8s.io/resource-metrics-path` naming that path (metrics-server ≥ 0.7 reads the
 * same annotation). So a scraper reads the annotation and falls back to `/metrics/resource`, then asks
 * the API server's node proxy, which holds the kubelet client certificate:
 *
 *   GET <api server>/api/v1/nodes/<node>/proxy<path>
 *   e.g. /api/v1/nodes/sbx-node-0/proxy/metrics/nodes/sbx-node-0/metrics/resource
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
 * Like the kubelet's, the series carry no `node` or `cluster` label: the scraper adds them. kwok's
 * counters start at 0 the first time a series is read and grow by usage × elapsed time from then on,
 * so rates are right from the second scrape. How usage is chosen on a sandbox (pod annotations, else requests): see kwok-metrics.ts.
 */

/** The annotation naming a node's resource metrics path (kubelet's default when absent). */
export const RESOURCE_METRICS_PATH_ANNOTATION = 'metrics.k8s.io/resource-metrics-path';

/** The kubelet's own resource metrics path, for nodes without the annotation. */
export const KUBELET_RESOURCE_METRICS_PATH = '/metrics/resource';

/** The path kwok serves a sandbox node's resource metrics at (on kwok's port, as the node's kubelet). */
export const sandboxResourceMetricsPath = (node: string) =>
  `/metrics/nodes/${encodeURIComponent(node)}/metrics/resource`;

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
