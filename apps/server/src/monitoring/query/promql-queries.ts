import type { MetricSeriesAnswer, PromqlQuery } from '@portolan/api';
import { MetricsEngineUnavailableError, type RangeSeries } from '#server/monitoring/contract.ts';
import { engineUnavailable } from './empty-reasons.ts';
import { type MetricQueryDeps, scrapeIntervalOf } from './metric-queries.ts';
import { MetricQueryError } from './query-errors.ts';
import { resolveRange } from './range.ts';

/** The most a raw query answers: more would be a page no one reads and a body the browser chokes on. */
export const PROMQL_LIMITS = { series: 2_000, points: 250_000 };

/**
 * POST /api/v1/monitoring/promql (platform Admins): raw PromQL against a cluster's source or the
 * managed engine, instant without start/end. The engine's refusal (PromqlError) is thrown for the route
 * to answer as a 400; its absence
 * (MetricsEngineUnavailableError) is an empty answer with its reason.
 */
export function createPromqlQueries(deps: MetricQueryDeps) {
  const now = deps.now ?? (() => new Date());
  const scrapeInterval = scrapeIntervalOf(deps.engine, now);
  async function promqlQuery(query: PromqlQuery): Promise<MetricSeriesAnswer> {
    if (query.cluster !== undefined && !(await deps.clusterExists(query.cluster)))
      throw new MetricQueryError(`no cluster named ${query.cluster} is registered`, 'cluster', 'not-found');
    const promql = { query: query.query };
    try {
      return await run(query, promql);
    } catch (error) {
      // As for named metrics: an engine that cannot answer is an empty answer with its reason.
      if (!(error instanceof MetricsEngineUnavailableError)) throw error;
      return { series: [], empty: [engineUnavailable('query', error)], promql };
    }
  }

  async function run(query: PromqlQuery, promql: { query: string }): Promise<MetricSeriesAnswer> {
    const source = query.cluster === undefined ? deps.engine.managed() : deps.engine.sourceFor(query.cluster);
    if (query.start === undefined && query.end === undefined) {
      if (query.stepSeconds !== undefined)
        throw new MetricQueryError(
          'an instant query takes no step; add start and end for a range',
          'stepSeconds',
        );
      const at = now();
      const samples = await source.query(query.query, at);
      limit(samples.length, samples.length);
      return {
        end: at.toISOString(),
        series: samples.map((sample) => ({
          metric: 'query',
          labels: sample.labels,
          points: [[sample.at, sample.value]] as Array<[number, number]>,
        })),
        empty: samples.length === 0 ? [noData()] : [],
        promql,
      };
    }
    const range = resolveRange(query, now(), await scrapeInterval());
    const found: RangeSeries[] = await source.queryRange(
      query.query,
      range.start,
      range.end,
      range.stepSeconds,
    );
    limit(
      found.length,
      found.reduce((sum, one) => sum + one.points.length, 0),
    );
    return {
      start: range.start.toISOString(),
      end: range.end.toISOString(),
      stepSeconds: range.stepSeconds,
      series: found.map((one) => ({
        metric: 'query',
        labels: one.labels,
        // NaN and ±Inf have no JSON form; a chart has nothing to draw for them either.
        points: one.points.filter(([, value]) => Number.isFinite(value)),
      })),
      empty: found.length === 0 ? [noData()] : [],
      promql,
    };
  }
  return promqlQuery;
}

function limit(series: number, points: number): void {
  if (series > PROMQL_LIMITS.series || points > PROMQL_LIMITS.points)
    throw new MetricQueryError(
      `the query answered ${series} series and ${points} points; at most ${PROMQL_LIMITS.series} series and ${PROMQL_LIMITS.points} points are returned: narrow it with label matchers, aggregate it (sum by (…), topk), or take a longer step`,
      'query',
      'too-large',
    );
}

const noData = () => ({
  metric: 'query',
  reason: 'no-data' as const,
  message: 'the query matched no series at that time; check its metric names and label matchers',
});
