import type { MetricTopAnswer } from '@portolan/api';
import { metricNamed } from '#server/monitoring/catalogue/catalogue.ts';
import { anyOf, type Matcher, seconds, selector } from '#server/monitoring/catalogue/promql-text.ts';
import { MetricsEngineUnavailableError } from '#server/monitoring/contract.ts';
import { clusterFacts, engineUnavailable, explainEmpty, forbidden } from './empty-reasons.ts';
import { describeWhere, type MetricQueryDeps, scrapeIntervalOf, windowsFor } from './metric-queries.ts';
import type { QueryAccess } from './query-access.ts';
import { MetricQueryError } from './query-errors.ts';

export interface TopQuery {
  cluster: string;
  level?: 'node' | 'namespace' | 'workload' | 'pod';
  metric?: 'cpu_usage' | 'memory_usage';
  namespace?: string;
  limit?: number;
}

const GROUPS = {
  node: ['node'],
  namespace: ['namespace'],
  workload: ['namespace', 'workload_kind', 'workload'],
  pod: ['namespace', 'pod'],
} as const;

const SERIES = {
  cpu_usage: { node: 'node_cpu_usage_seconds_total', pod: 'pod_cpu_usage_seconds_total', resource: 'cpu' },
  memory_usage: {
    node: 'node_memory_working_set_bytes',
    pod: 'pod_memory_working_set_bytes',
    resource: 'memory',
  },
} as const;

/** Which namespaces a query may cover: one, those the caller may read, or all; or a refusal's words. */
function namespaceScope(query: TopQuery, access: QueryAccess): Matcher | undefined | { refused: string } {
  const level = query.level ?? 'pod';
  if (level === 'node') {
    if (query.namespace !== undefined)
      throw new MetricQueryError('node level covers whole nodes; leave out namespace', 'namespace');
    return access.mayRead(query.cluster) ? undefined : { refused: describeWhere(query.cluster, undefined) };
  }
  if (query.namespace !== undefined)
    return access.mayRead(query.cluster, query.namespace)
      ? query.namespace
      : { refused: describeWhere(query.cluster, query.namespace) };
  const readable = access.namespacesIn(query.cluster);
  if (readable === 'all') return undefined;
  if (readable.length === 0) return { refused: describeWhere(query.cluster, undefined) };
  return { regex: anyOf(readable) };
}

/** GET /api/v1/monitoring/top: the biggest consumers now, with usage against allocatable or requests. */
export function createTopQueries(deps: MetricQueryDeps) {
  const now = deps.now ?? (() => new Date());
  const scrapeInterval = scrapeIntervalOf(deps.engine, now);
  return async function top(
    query: TopQuery,
    access: QueryAccess,
  ): Promise<MetricTopAnswer & { promql?: string[] }> {
    const level = query.level ?? 'pod';
    const metricName = query.metric ?? 'cpu_usage';
    const names = SERIES[metricName];
    const metric = metricNamed(metricName);
    if (!metric) throw new Error(`${metricName} is missing from the catalogue`);
    const scope = namespaceScope(query, access);
    if (scope !== undefined && typeof scope === 'object' && 'refused' in scope)
      return { items: [], empty: forbidden(metricName, scope.refused) };
    if (!(await deps.clusterExists(query.cluster)))
      throw new MetricQueryError(`no cluster named ${query.cluster} is registered`, 'cluster', 'not-found');
    const at = now();
    const windows = windowsFor(0, await scrapeInterval());
    const cluster = query.cluster;
    const namespace = scope as Matcher | undefined;
    const by = GROUPS[level].join(', ');
    const usageOf = (series: string, matchers: Record<string, Matcher | undefined>) =>
      metricName === 'cpu_usage'
        ? `rate(${series}${selector(matchers)}[${seconds(windows.rate)}])`
        : `${series}${selector(matchers)}`;
    const workloads = `portolan_pod_workload${selector({ cluster, namespace })}`;
    const active = `(kube_pod_status_phase${selector({ cluster, namespace, phase: { regex: 'Pending|Running' } })} == 1)`;
    const requests = `(kube_pod_container_resource_requests${selector({ cluster, namespace, resource: names.resource })} and on(namespace, pod) ${active})`;
    let used: string;
    let whole: string;
    let reads: string[];
    if (level === 'node') {
      used = `sum by (node) (${usageOf(names.node, { cluster })})`;
      whole = `sum by (node) (kube_node_status_allocatable${selector({ cluster, resource: names.resource })})`;
      reads = [names.node];
    } else if (level === 'workload') {
      const join = `on(namespace, pod) group_left(workload_kind, workload) ${workloads}`;
      used = `sum by (${by}) (${usageOf(names.pod, { cluster, namespace })} * ${join})`;
      whole = `sum by (${by}) (${requests} * ${join})`;
      reads = [names.pod, 'portolan_pod_workload'];
    } else {
      used = `sum by (${by}) (${usageOf(names.pod, { cluster, namespace })})`;
      whole = `sum by (${by}) (${requests})`;
      reads = [names.pod];
    }
    const limit = query.limit ?? 10;
    const topk = `topk(${limit}, ${used})`;
    const ratioOf = `${whole} and on(${by}) ${topk}`;
    const answer: MetricTopAnswer & { promql?: string[] } = {
      at: at.toISOString(),
      unit: metric.unit,
      items: [],
    };
    try {
      const source = deps.engine.sourceFor(cluster);
      const [found, wholes] = await Promise.all([source.query(topk, at), source.query(ratioOf, at)]);
      const key = (labels: Record<string, string>) =>
        GROUPS[level].map((label) => labels[label] ?? '').join('\u0000');
      const wholeBy = new Map(wholes.map((sample) => [key(sample.labels), sample.value]));
      const readable = access.namespacesIn(cluster);
      for (const sample of found.sort((a, b) => b.value - a.value)) {
        // The PromQL already keeps to the readable namespaces; this keeps to them whatever it answered.
        if (level !== 'node' && readable !== 'all' && !readable.includes(sample.labels.namespace ?? ''))
          continue;
        if (!Number.isFinite(sample.value)) continue;
        const labels = Object.fromEntries(GROUPS[level].map((label) => [label, sample.labels[label] ?? '']));
        const denominator = wholeBy.get(key(sample.labels));
        answer.items.push({
          labels,
          value: sample.value,
          ...(denominator && denominator > 0 ? { ratio: sample.value / denominator } : {}),
        });
      }
      if (answer.items.length === 0)
        answer.empty = await explainEmpty(
          metric,
          { promql: topk, reads },
          cluster,
          clusterFacts(source, cluster),
          { end: at, now: at },
        );
    } catch (error) {
      if (!(error instanceof MetricsEngineUnavailableError)) throw error;
      answer.empty = engineUnavailable(metricName, error);
    }
    if (access.seesPromql) answer.promql = [topk, ratioOf];
    return answer;
  };
}
