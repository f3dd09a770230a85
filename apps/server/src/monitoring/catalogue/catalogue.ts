import type { MetricCatalogue, MetricLevel } from '@portolan/api';
import { type Matcher, seconds, selector } from './promql-text.ts';

/**
 * The named metrics (issue #14): what a chart asks for by name, and the PromQL that answers it at
 * each level, over the series names of monitoring/contract.ts. Pure: no engine, no caller.
 */

/** The object a chart is about; which fields count depends on the level. */
export interface MetricTarget {
  cluster: string;
  namespace?: string;
  /** node level: the node's name. */
  node?: string;
  /** workload level: the workload's name, and its kind when known (any kind when absent). */
  workload?: { name: string; kind?: string };
  pod?: string;
  /** container level: the container's name (with pod and namespace). */
  container?: string;
}

/** Windows in seconds: a rate's (at least four scrapes, and a whole step), and one step's. */
export interface MetricWindows {
  rate: number;
  step: number;
  scrapeInterval: number;
}

export type MetricSource = 'kubelet' | 'state' | 'apiserver' | 'etcd' | 'cadvisor';

/** One metric at one level: its PromQL, and the series names it reads. */
export interface MetricQuery {
  promql: string;
  /** Series names it needs; an inner list means any one of them is enough. */
  reads: Array<string | string[]>;
}

export interface MetricDefinition {
  name: string;
  unit: string;
  source: MetricSource;
  /** The scrape jobs its series come from (a down target there explains an empty chart). */
  jobs: string[];
  levels: Partial<Record<MetricLevel, (target: MetricTarget, windows: MetricWindows) => MetricQuery>>;
}

// ---- building blocks ----

/** Pods that hold resources now: Pending or Running (kube-state-metrics lists finished pods too). */
const ACTIVE_PHASES = 'Pending|Running';

/**
 * A pod-level series narrowed to the level's object: by its own labels where it has them, joined
 * through kube_pod_info (node) or portolan_pod_workload (workload) where it has not.
 * `inner` turns a selector into the vector (a rate, an increase, the bare series).
 */
function podScoped(
  level: MetricLevel,
  target: MetricTarget,
  inner: (matchers: Record<string, Matcher | undefined>) => string,
  extra: Record<string, Matcher | undefined> = {},
): { expression: string; joins: string[] } {
  const { cluster, namespace } = target;
  // The object's own names win over the extra matchers (a pod's name over "any pod").
  const own = (labels: Record<string, string | undefined>) => {
    const matchers: Record<string, Matcher | undefined> = { cluster, ...extra };
    for (const [label, value] of Object.entries(labels)) if (value !== undefined) matchers[label] = value;
    return inner(matchers);
  };
  switch (level) {
    case 'cluster':
      return { expression: own({}), joins: [] };
    case 'node':
      return {
        expression: `(${own({})} and on(namespace, pod) kube_pod_info${selector({ cluster, node: target.node })})`,
        joins: ['kube_pod_info'],
      };
    case 'namespace':
      return { expression: own({ namespace }), joins: [] };
    case 'workload':
      return {
        expression: `(${own({ namespace })} and on(namespace, pod) ${workloadSelector(target)})`,
        joins: ['portolan_pod_workload'],
      };
    case 'pod':
      return { expression: own({ namespace, pod: target.pod }), joins: [] };
    case 'container':
      return { expression: own({ namespace, pod: target.pod, container: target.container }), joins: [] };
  }
}

/** portolan_pod_workload naming the target's workload: each of its pods, one series each. */
export function workloadSelector(target: MetricTarget): string {
  return `portolan_pod_workload${selector({
    cluster: target.cluster,
    namespace: target.namespace,
    workload_kind: target.workload?.kind,
    workload: target.workload?.name,
  })}`;
}

const ALL_LEVELS = ['cluster', 'node', 'namespace', 'workload', 'pod', 'container'] as const;
const POD_LEVELS = ['cluster', 'node', 'namespace', 'workload', 'pod'] as const;

function forLevels(
  levels: readonly MetricLevel[],
  make: (level: MetricLevel, target: MetricTarget, windows: MetricWindows) => MetricQuery,
): MetricDefinition['levels'] {
  return Object.fromEntries(
    levels.map((level) => [
      level,
      (target: MetricTarget, windows: MetricWindows) => make(level, target, windows),
    ]),
  );
}

// ---- usage (kubelet resource metrics) ----

type Resource = 'cpu' | 'memory';
const USAGE_SERIES: Record<Resource, { node: string; pod: string; container: string }> = {
  cpu: {
    node: 'node_cpu_usage_seconds_total',
    pod: 'pod_cpu_usage_seconds_total',
    container: 'container_cpu_usage_seconds_total',
  },
  memory: {
    node: 'node_memory_working_set_bytes',
    pod: 'pod_memory_working_set_bytes',
    container: 'container_memory_working_set_bytes',
  },
};

/** CPU is a counter of seconds (its rate is cores); memory is a gauge of bytes. */
const usageOf = (resource: Resource, series: string, rateWindow: number) =>
  resource === 'cpu'
    ? (matchers: Record<string, Matcher | undefined>) =>
        `rate(${series}${selector(matchers)}[${seconds(rateWindow)}])`
    : (matchers: Record<string, Matcher | undefined>) => `${series}${selector(matchers)}`;

/** Usage of a level's object: nodes' own series at cluster and node level, pods' and containers' below. */
export function usage(
  resource: Resource,
  level: MetricLevel,
  target: MetricTarget,
  windows: MetricWindows,
): MetricQuery {
  const names = USAGE_SERIES[resource];
  if (level === 'cluster' || level === 'node') {
    const inner = usageOf(resource, names.node, windows.rate);
    const node = level === 'node' ? target.node : undefined;
    return { promql: `sum(${inner({ cluster: target.cluster, node })})`, reads: [names.node] };
  }
  const series = level === 'container' ? names.container : names.pod;
  const scoped = podScoped(level, target, usageOf(resource, series, windows.rate));
  return { promql: `sum(${scoped.expression})`, reads: [series, ...scoped.joins] };
}

// ---- requests and limits (object state) ----

type Bound = 'requests' | 'limits';

/** The requests or limits of the level's Pending and Running pods (or one container's). */
export function bound(
  resource: Resource,
  kind: Bound,
  level: MetricLevel,
  target: MetricTarget,
): MetricQuery {
  const series = `kube_pod_container_resource_${kind}`;
  const scoped = podScoped(level, target, (matchers) => `${series}${selector(matchers)}`, { resource });
  const active = `(kube_pod_status_phase${selector({ cluster: target.cluster, phase: { regex: ACTIVE_PHASES } })} == 1)`;
  return {
    promql: `sum(${scoped.expression} and on(namespace, pod) ${active})`,
    reads: [series, 'kube_pod_status_phase', ...scoped.joins],
  };
}

/** What the nodes offer for pods: allocatable at cluster and node level. */
function allocatable(resource: Resource, level: MetricLevel, target: MetricTarget): MetricQuery {
  const node = level === 'node' ? target.node : undefined;
  return {
    promql: `sum(kube_node_status_allocatable${selector({ cluster: target.cluster, node, resource })})`,
    reads: ['kube_node_status_allocatable'],
  };
}

/** Usage against allocatable (cluster, node) or against requests (namespace and below). */
function utilisation(
  resource: Resource,
  level: MetricLevel,
  target: MetricTarget,
  windows: MetricWindows,
): MetricQuery {
  const used = usage(resource, level, target, windows);
  const whole =
    level === 'cluster' || level === 'node'
      ? allocatable(resource, level, target)
      : bound(resource, 'requests', level, target);
  return { promql: `${used.promql} / ${whole.promql}`, reads: [...used.reads, ...whole.reads] };
}

// ---- the catalogue ----

const usageMetric = (resource: Resource): MetricDefinition => ({
  name: `${resource}_usage`,
  unit: resource === 'cpu' ? 'cores' : 'bytes',
  source: 'kubelet',
  jobs: ['kubelet'],
  levels: forLevels(ALL_LEVELS, (level, target, windows) => usage(resource, level, target, windows)),
});

const boundMetric = (resource: Resource, kind: Bound): MetricDefinition => ({
  name: `${resource}_${kind}`,
  unit: resource === 'cpu' ? 'cores' : 'bytes',
  source: 'state',
  jobs: ['portolan-state'],
  levels: forLevels(ALL_LEVELS, (level, target) => bound(resource, kind, level, target)),
});

const utilisationMetric = (resource: Resource): MetricDefinition => ({
  name: `${resource}_utilisation`,
  unit: 'ratio',
  source: 'kubelet',
  jobs: ['kubelet', 'portolan-state'],
  levels: forLevels(ALL_LEVELS, (level, target, windows) => utilisation(resource, level, target, windows)),
});

/** cAdvisor's counters, where a real kubelet serves them (sandboxes' emulated kubelets do not). */
const networkMetric = (direction: 'receive' | 'transmit'): MetricDefinition => {
  const series = `container_network_${direction}_bytes_total`;
  return {
    name: `network_${direction}`,
    unit: 'bytes/s',
    source: 'cadvisor',
    jobs: ['kubelet'],
    levels: forLevels(POD_LEVELS, (level, target, windows) => {
      // Pods' series only: the node's own (no pod label) would count the same bytes twice.
      const scoped = podScoped(
        level,
        target,
        (matchers) => `rate(${series}${selector(matchers)}[${seconds(windows.rate)}])`,
        { pod: { notRegex: '' } },
      );
      return { promql: `sum(${scoped.expression})`, reads: [series, ...scoped.joins] };
    }),
  };
};

const apiserver =
  (matchers: Record<string, Matcher | undefined> = {}) =>
  (target: MetricTarget) =>
    selector({ cluster: target.cluster, job: 'apiserver', ...matchers });

export const CATALOGUE: MetricDefinition[] = [
  usageMetric('cpu'),
  usageMetric('memory'),
  boundMetric('cpu', 'requests'),
  boundMetric('cpu', 'limits'),
  boundMetric('memory', 'requests'),
  boundMetric('memory', 'limits'),
  utilisationMetric('cpu'),
  utilisationMetric('memory'),
  {
    name: 'pod_count',
    unit: 'count',
    source: 'state',
    jobs: ['portolan-state'],
    levels: forLevels(POD_LEVELS, (level, target) => {
      const scoped = podScoped(level, target, (matchers) => `kube_pod_status_phase${selector(matchers)}`);
      return {
        promql: `sum by (phase) (${scoped.expression})`,
        reads: ['kube_pod_status_phase', ...scoped.joins],
      };
    }),
  },
  {
    name: 'pod_restarts',
    unit: 'count',
    source: 'state',
    jobs: ['portolan-state'],
    levels: forLevels(ALL_LEVELS, (level, target, windows) => {
      // Restarts within each step: the window is one step (at least two scrapes, so increase has two samples).
      const window = seconds(Math.max(windows.step, 2 * windows.scrapeInterval));
      const series = 'kube_pod_container_status_restarts_total';
      const scoped = podScoped(
        level,
        target,
        (matchers) => `increase(${series}${selector(matchers)}[${window}])`,
      );
      return { promql: `sum(${scoped.expression})`, reads: [series, ...scoped.joins] };
    }),
  },
  networkMetric('receive'),
  networkMetric('transmit'),
  {
    name: 'filesystem_usage',
    unit: 'bytes',
    source: 'cadvisor',
    jobs: ['kubelet'],
    levels: forLevels(ALL_LEVELS, (level, target) => {
      const series = 'container_fs_usage_bytes';
      // Containers' series only (the pod's and the node's cgroups would count the same bytes again).
      const scoped = podScoped(level, target, (matchers) => `${series}${selector(matchers)}`, {
        container: { notRegex: '' },
      });
      return { promql: `sum(${scoped.expression})`, reads: [series, ...scoped.joins] };
    }),
  },
  {
    name: 'apiserver_request_rate',
    unit: 'requests/s',
    source: 'apiserver',
    jobs: ['apiserver'],
    levels: {
      cluster: (target, windows) => ({
        promql: `sum(rate(apiserver_request_total${apiserver()(target)}[${seconds(windows.rate)}]))`,
        reads: ['apiserver_request_total'],
      }),
    },
  },
  {
    name: 'apiserver_request_latency_p99',
    unit: 'seconds',
    source: 'apiserver',
    jobs: ['apiserver'],
    levels: {
      // Long-running requests (watches, exec) last as long as they are open: they say nothing of latency.
      cluster: (target, windows) => ({
        promql: `histogram_quantile(0.99, sum by (le) (rate(apiserver_request_duration_seconds_bucket${apiserver({ verb: { notRegex: 'WATCH|CONNECT' } })(target)}[${seconds(windows.rate)}])))`,
        reads: ['apiserver_request_duration_seconds_bucket'],
      }),
    },
  },
  {
    name: 'apiserver_error_rate',
    unit: 'ratio',
    source: 'apiserver',
    jobs: ['apiserver'],
    levels: {
      // No 5xx at all is a rate of 0, not a missing series.
      cluster: (target, windows) => {
        const window = seconds(windows.rate);
        const errors = `sum(rate(apiserver_request_total${apiserver({ code: { regex: '5..' } })(target)}[${window}]))`;
        const all = `sum(rate(apiserver_request_total${apiserver()(target)}[${window}]))`;
        return { promql: `(${errors} or vector(0)) / ${all}`, reads: ['apiserver_request_total'] };
      },
    },
  },
  {
    name: 'etcd_db_size',
    unit: 'bytes',
    source: 'etcd',
    jobs: ['apiserver'],
    levels: {
      // Newer API servers report the storage size; older ones etcd's own gauge.
      cluster: (target) => {
        const cluster = selector({ cluster: target.cluster });
        return {
          promql: `max(apiserver_storage_size_bytes${cluster} or etcd_db_total_size_in_bytes${cluster})`,
          reads: [['apiserver_storage_size_bytes', 'etcd_db_total_size_in_bytes']],
        };
      },
    },
  },
];

const BY_NAME = new Map(CATALOGUE.map((metric) => [metric.name, metric]));

export function metricNamed(name: string): MetricDefinition | undefined {
  return BY_NAME.get(name);
}

/** GET /api/v1/monitoring/catalogue's answer. */
export function catalogueAnswer(): MetricCatalogue {
  return {
    items: CATALOGUE.map((metric) => ({
      name: metric.name,
      levels: ALL_LEVELS.filter((level) => metric.levels[level] !== undefined),
      unit: metric.unit,
      source: metric.source,
    })),
  };
}

/** The series names a query reads that the cluster lacks (an inner list is missing only if all are). */
export function missingReads(reads: MetricQuery['reads'], present: Set<string>): string[] {
  return reads
    .filter((read) => (Array.isArray(read) ? !read.some((name) => present.has(name)) : !present.has(read)))
    .map((read) => (Array.isArray(read) ? read.join(' or ') : read));
}
