import type { MetricLevel, MetricSeriesAnswer, MetricSeriesQuery } from '@portolan/api';
import {
  type MetricDefinition,
  type MetricTarget,
  type MetricWindows,
  metricNamed,
} from '#server/monitoring/catalogue/catalogue.ts';
import {
  type MetricsEngine,
  MetricsEngineUnavailableError,
  type RangeSeries,
} from '#server/monitoring/contract.ts';
import {
  type ClusterFacts,
  clusterFacts,
  type EmptyEntry,
  engineUnavailable,
  explainEmpty,
  forbidden,
} from './empty-reasons.ts';
import type { QueryAccess } from './query-access.ts';
import { MetricQueryError } from './query-errors.ts';
import { resolveRange } from './range.ts';

export interface MetricQueryDeps {
  engine: MetricsEngine;
  /** Whether a cluster of that name is registered. */
  clusterExists(name: string): Promise<boolean>;
  now?: () => Date;
}

/** The scrape interval assumed while the engine cannot say its own. */
const DEFAULT_SCRAPE_INTERVAL = 15;
/** A rate needs at least two samples in its window; four scrapes leave room for a missed one. */
const MIN_RATE_WINDOW = 120;

/** The engine's scrape interval, asked at most every 30 s (status reads the engine's own figures). */
export function scrapeIntervalOf(engine: MetricsEngine, now: () => Date): () => Promise<number> {
  let known: { value: number; at: number } | undefined;
  return async () => {
    const at = now().getTime();
    if (known && at - known.at < 30_000) return known.value;
    const value = await engine
      .status()
      .then((status) => status.scrapeIntervalSeconds ?? DEFAULT_SCRAPE_INTERVAL)
      .catch(() => DEFAULT_SCRAPE_INTERVAL);
    known = { value, at };
    return value;
  };
}

export function windowsFor(stepSeconds: number, scrapeInterval: number): MetricWindows {
  return {
    rate: Math.max(MIN_RATE_WINDOW, 4 * scrapeInterval, stepSeconds),
    step: stepSeconds,
    scrapeInterval,
  };
}

/** Where the object of a query is, in words, for refusals. */
export function describeWhere(cluster: string, namespace: string | undefined): string {
  return namespace === undefined ? `cluster ${cluster}` : `namespace ${namespace} of cluster ${cluster}`;
}

/** The object a query is about, with the fields its level needs; a missing one is the caller's to add. */
export function targetOf(query: MetricSeriesQuery): { target: MetricTarget; namespace?: string } {
  const level = query.level;
  const need = (field: 'namespace' | 'name' | 'pod', what: string): string => {
    const value = query[field];
    if (value === undefined || value === '')
      throw new MetricQueryError(`${level} level needs ${field}: ${what}`, field);
    return value;
  };
  const cluster = query.cluster;
  switch (level) {
    case 'cluster':
      return { target: { cluster } };
    case 'node':
      return { target: { cluster, node: need('name', "the node's name") } };
    case 'namespace': {
      const namespace = need('namespace', "the namespace's name");
      return { target: { cluster, namespace }, namespace };
    }
    case 'workload': {
      const namespace = need('namespace', "the workload's namespace");
      const name = need('name', "the workload's name");
      const workload = query.workloadKind ? { name, kind: query.workloadKind } : { name };
      return { target: { cluster, namespace, workload }, namespace };
    }
    case 'pod': {
      const namespace = need('namespace', "the pod's namespace");
      return { target: { cluster, namespace, pod: need('name', "the pod's name") }, namespace };
    }
    case 'container': {
      const namespace = need('namespace', "the pod's namespace");
      const pod = need('pod', 'the pod the container runs in');
      return {
        target: { cluster, namespace, pod, container: need('name', "the container's name") },
        namespace,
      };
    }
  }
}

/** The named metrics asked for, each defined at the level; an unknown one is refused with the known. */
export function definitionsOf(names: string[], level: MetricLevel): MetricDefinition[] {
  return names.map((name) => {
    const metric = metricNamed(name);
    if (!metric)
      throw new MetricQueryError(
        `no metric named ${name}; GET /api/v1/monitoring/catalogue lists the names and their levels`,
        'metrics',
      );
    if (!metric.levels[level]) {
      const levels = Object.keys(metric.levels).join(', ');
      throw new MetricQueryError(`${name} has no ${level} level; it has ${levels}`, 'metrics');
    }
    return metric;
  });
}

/** Points Prometheus answers as NaN or ±Inf (a ratio over nothing) carry no value a chart can draw. */
function drawable(series: RangeSeries): Array<[number, number]> {
  return series.points.filter(([, value]) => Number.isFinite(value));
}

/** POST /api/v1/monitoring/series: each named metric's series, or why it has none. */
export function createSeriesQueries(deps: MetricQueryDeps) {
  const now = deps.now ?? (() => new Date());
  const scrapeInterval = scrapeIntervalOf(deps.engine, now);
  return async function series(query: MetricSeriesQuery, access: QueryAccess): Promise<MetricSeriesAnswer> {
    const metrics = definitionsOf(query.metrics, query.level);
    const { target, namespace } = targetOf(query);
    if (!access.mayRead(query.cluster, namespace)) {
      const where = describeWhere(query.cluster, namespace);
      return { series: [], empty: metrics.map((metric) => forbidden(metric.name, where)) };
    }
    if (!(await deps.clusterExists(query.cluster)))
      throw new MetricQueryError(`no cluster named ${query.cluster} is registered`, 'cluster', 'not-found');
    const at = now();
    const interval = await scrapeInterval();
    const range = resolveRange(query, at, interval);
    const windows = windowsFor(range.stepSeconds, interval);
    const answer: MetricSeriesAnswer = {
      start: range.start.toISOString(),
      end: range.end.toISOString(),
      stepSeconds: range.stepSeconds,
      series: [],
      empty: [],
    };
    const promql: Record<string, string> = {};
    let facts: ClusterFacts | undefined;
    const results = await Promise.all(
      metrics.map(async (metric): Promise<{ series: MetricSeriesAnswer['series']; empty?: EmptyEntry }> => {
        const made = metric.levels[query.level]?.(target, windows);
        if (!made) return { series: [] };
        promql[metric.name] = made.promql;
        try {
          const source = deps.engine.sourceFor(query.cluster);
          facts ??= clusterFacts(source, query.cluster);
          const found = await source.queryRange(made.promql, range.start, range.end, range.stepSeconds);
          const series = found
            .map((one) => ({
              metric: metric.name,
              unit: metric.unit,
              labels: one.labels,
              points: drawable(one),
            }))
            .filter((one) => one.points.length > 0);
          if (series.length > 0) return { series };
          return {
            series: [],
            empty: await explainEmpty(metric, made, query.cluster, facts, {
              end: range.end,
              now: at,
              ...(target.node ? { node: target.node } : {}),
            }),
          };
        } catch (error) {
          if (error instanceof MetricsEngineUnavailableError)
            return { series: [], empty: engineUnavailable(metric.name, error) };
          throw error;
        }
      }),
    );
    for (const result of results) {
      answer.series.push(...result.series);
      if (result.empty) answer.empty.push(result.empty);
    }
    if (access.seesPromql) answer.promql = promql;
    return answer;
  };
}
