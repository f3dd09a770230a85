/**
 * The seams of cluster operations (issue #14), so each part is built and tested on its own:
 * - monitoring/engine/ (one replica runs it): the metrics engine, a real Prometheus that Portolan runs
 *   and configures (Debian's package), scraping every registered cluster through a local scrape proxy
 *   that holds the cluster credentials, plus Portolan's own object-state exporter; or an existing
 *   Prometheus/VictoriaMetrics a cluster's settings point to.
 * - monitoring/catalogue/ and monitoring/query/: named metrics → PromQL, permission filtering, the
 *   reason behind every empty series.
 * - alerting/rules/ (one replica evaluates): rules, alerts, silences, inhibition.
 * - alerting/notify/ (one replica delivers): receivers, policies, grouping, repeats, delivery log.
 * - inspections/: configurations, runs and reports.
 *
 * Series conventions every part relies on (the engine makes them true for the managed Prometheus; an
 * external one is expected to follow kube-state-metrics and kubelet names):
 * - every series carries `cluster="<registered cluster name>"`;
 * - kubelet resource metrics (kwok emulates them on sandboxes): container_cpu_usage_seconds_total,
 *   container_memory_working_set_bytes (labels namespace, pod, container), pod_cpu_usage_seconds_total,
 *   pod_memory_working_set_bytes, node_cpu_usage_seconds_total, node_memory_working_set_bytes — each
 *   with `node="<node name>"`; cAdvisor's network and filesystem series where a real kubelet serves them;
 * - object state in kube-state-metrics names, exported by Portolan from its synced store:
 *   kube_pod_info, kube_pod_status_phase, kube_pod_container_status_restarts_total,
 *   kube_pod_container_status_waiting_reason, kube_pod_container_resource_requests and _limits
 *   (resource="cpu" unit="core" | resource="memory" unit="byte"), kube_node_status_allocatable,
 *   kube_node_status_capacity, kube_node_status_condition, kube_deployment_spec_replicas,
 *   kube_deployment_status_replicas_available (and statefulset/daemonset equivalents),
 *   kube_persistentvolumeclaim_status_phase, kube_namespace_status_phase; plus
 *   `portolan_pod_workload{namespace,pod,workload_kind,workload}` = 1 naming each pod's top-level
 *   workload, and `portolan_cluster_up` (1 Ready/Degraded, 0 Offline);
 * - control plane: the API server's own /metrics (apiserver_request_total,
 *   apiserver_request_duration_seconds_bucket, apiserver_storage_size_bytes / etcd db size) with
 *   `job="apiserver"`; kubelet resource metrics with `job="kubelet"`; the state exporter `job="portolan-state"`.
 */

/** Why a query has no answer, in words a user can act on. */
export type EmptyReason =
  /** The scrape of the series' target fails; `detail` is the last scrape error. */
  | 'target-down'
  /** The cluster does not provide this metric at all (no such series name for it). */
  | 'not-provided'
  /** The series exists but has no samples in the range. */
  | 'no-data'
  /** The metrics engine is not running or cannot be reached; `detail` says why. */
  | 'engine-unavailable'
  /** The caller may not read this scope. */
  | 'forbidden';

/** The engine cannot answer (not running, unreachable, timed out). The message says why and what to do. */
export class MetricsEngineUnavailableError extends Error {
  override name = 'MetricsEngineUnavailableError';
}

/** The PromQL was refused by the engine; the message is the engine's parse or execution error. */
export class PromqlError extends Error {
  override name = 'PromqlError';
}

/** One series of an instant query. */
export interface InstantSample {
  labels: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch. */
  at: number;
}

/** One series of a range query: [milliseconds since the epoch, value] pairs, oldest first. */
export interface RangeSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

/** The health of one scrape target, as the engine last saw it. */
export interface ScrapeTarget {
  cluster: string;
  job: string;
  /** The target's address as the engine scrapes it (the scrape proxy's path, never a credential). */
  target: string;
  health: 'up' | 'down' | 'unknown';
  lastScrape?: Date;
  lastError?: string;
  lastScrapeDurationMs?: number;
  samples?: number;
}

/** Where one cluster's series are answered from. */
export interface MetricsSource {
  kind: 'managed' | 'external';
  query(promql: string, at?: Date): Promise<InstantSample[]>;
  queryRange(promql: string, start: Date, end: Date, stepSeconds: number): Promise<RangeSeries[]>;
  /** Metric names that have at least one series for the cluster now (for 'not-provided' and rule activation). */
  metricNames(cluster: string): Promise<Set<string>>;
  /** Scrape targets for the cluster (an external source may answer none). */
  targets(cluster: string): Promise<ScrapeTarget[]>;
}

/**
 * The metrics engine as the rest of the server sees it (monitoring/engine/ builds it).
 * Every method may throw MetricsEngineUnavailableError; query methods may throw PromqlError.
 */
export interface MetricsEngine {
  /** The source that answers for this cluster: its external Prometheus, else the managed engine. */
  sourceFor(cluster: string): MetricsSource;
  /** The managed engine for queries across clusters (overview, raw PromQL), when it runs. */
  managed(): MetricsSource;
  /** Mode, availability with its reason, version, retention, sample limit, scrape interval, memory use. */
  status(): Promise<import('@portolan/api').MetricsEngineStatus>;
}

// ---- alerting: rules/ ↔ notify/ ----

/** An alert as rules/ keeps it and notify/ delivers it. */
export interface AlertRecord {
  /** Stable for one rule and one label set (a fingerprint), so repeats and resolutions group. */
  id: string;
  rule: string;
  level: 'critical' | 'warning' | 'info';
  /** Always `cluster`; `namespace`, `node`, `pod`, `workload`… where they apply; the rule's own labels. */
  labels: Record<string, string>;
  summary: string;
  description: string;
  /** A raised alert's summary and description as a code and values (raised-alert-codes.ts). */
  textCode?: string;
  textParams?: Record<string, string | number>;
  state: 'firing' | 'resolved';
  /** Firing but held back: by a silence (its id) or by inhibition (the inhibiting alert's id). */
  silencedBy?: string;
  inhibitedBy?: string;
  startsAt: Date;
  endsAt?: Date;
  /** Changes whenever the alert's state, silence or inhibition changes. */
  updatedAt: Date;
}

/** What notify/ reads from rules/: the alerts to deliver, and a way to raise Portolan's own alerts. */
export interface AlertFeed {
  /** Firing alerts and those resolved since `since`, silenced and inhibited ones included (notify/ skips them). */
  current(since: Date): Promise<AlertRecord[]>;
  /** Called by rules/ after every evaluation round that changed something. */
  onChange(listener: () => void): () => void;
  /**
   * Raise or resolve an alert that Portolan itself detects outside the rules, such as
   * `NotificationDeliveryFailing` (labels name the receiver). Idempotent for the same rule and labels.
   */
  raise(alert: {
    rule: string;
    level: AlertRecord['level'];
    labels: Record<string, string>;
    summary: string;
    description: string;
    /** The summary and description as a code and values the console words (raised-alert-codes.ts). */
    textCode?: string;
    textParams?: Record<string, string | number>;
  }): Promise<void>;
  resolve(rule: string, labels: Record<string, string>): Promise<void>;
}
