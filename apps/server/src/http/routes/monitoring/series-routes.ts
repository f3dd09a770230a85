import {
  type MetricSeriesQuery,
  type MetricTopQuery,
  metricCatalogue,
  metricSeriesAnswer,
  metricSeriesQuery,
  metricTopAnswer,
  metricTopQuery,
  type PromqlQuery,
  promqlQuery,
} from '@portolan/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { callerOf } from '#server/iam/route-guards.ts';
import { catalogueAnswer } from '#server/monitoring/catalogue/catalogue.ts';
import { MetricsEngineUnavailableError, PromqlError } from '#server/monitoring/contract.ts';
import { createSeriesQueries, type MetricQueryDeps } from '#server/monitoring/query/metric-queries.ts';
import { createPromqlQueries } from '#server/monitoring/query/promql-queries.ts';
import { accessOf } from '#server/monitoring/query/query-access.ts';
import { MetricQueryError } from '#server/monitoring/query/query-errors.ts';
import { createTopQueries } from '#server/monitoring/query/top-queries.ts';
import { responses } from '../shared/route-schemas.ts';

export type SeriesRouteDeps = MetricQueryDeps;

const tags = ['monitoring'];
const STATUS = { 'invalid-query': 400, 'too-large': 400, 'not-found': 404 } as const;

/** The queries' own refusals, and the engine's, in Portolan's error shape; the rest to the shared handler. */
function answerErrors<R extends FastifyRequest>(handler: (request: R) => Promise<unknown>) {
  return async (request: R, reply: FastifyReply) => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof MetricQueryError)
        return reply
          .status(STATUS[error.code])
          .send({ error: { code: error.code, message: error.message, field: error.field } });
      if (error instanceof PromqlError)
        return reply.status(400).send({
          error: {
            code: 'invalid-promql',
            message: `the engine refused the query: ${error.message}`,
            field: 'query',
          },
        });
      if (error instanceof MetricsEngineUnavailableError)
        return reply.status(503).send({
          error: {
            code: 'engine-unavailable',
            message: `the metrics engine cannot answer: ${error.message}`,
          },
        });
      throw error;
    }
  };
}

/**
 * Named metrics (issue #14): the catalogue, a scope's series over a range, the top consumers now,
 * and raw PromQL for platform Admins. Series and top check the exact scope themselves (it is in
 * the body or query string): cluster and node levels need the whole cluster, the rest the namespace.
 */
export function registerSeriesRoutes(app: FastifyInstance, deps: SeriesRouteDeps): void {
  const read = { permission: 'monitoring:read', scope: 'handler' } as const;
  // A chart polls its series with POST; it reads, so only refusals go into the audit trail.
  // Raw PromQL (platform Admins, every cluster's series) keeps the default: each query is recorded.
  const readByPost = { ...read, audit: 'refusals' } as const;
  const series = createSeriesQueries(deps);
  const top = createTopQueries(deps);
  const promql = createPromqlQueries(deps);

  app.get(
    '/api/v1/monitoring/catalogue',
    { config: read, schema: { tags, response: responses({ 200: metricCatalogue }) } },
    async () => catalogueAnswer(),
  );

  app.post<{ Body: MetricSeriesQuery }>(
    '/api/v1/monitoring/series',
    {
      config: readByPost,
      schema: { tags, body: metricSeriesQuery, response: responses({ 200: metricSeriesAnswer }) },
    },
    answerErrors(async (request) => series(request.body, accessOf(callerOf(request)))),
  );

  app.get<{ Querystring: MetricTopQuery }>(
    '/api/v1/monitoring/top',
    {
      config: read,
      schema: { tags, querystring: metricTopQuery, response: responses({ 200: metricTopAnswer }) },
    },
    answerErrors(async (request) => top(request.query, accessOf(callerOf(request)))),
  );

  app.post<{ Body: PromqlQuery }>(
    '/api/v1/monitoring/promql',
    {
      config: { permission: 'monitoring:admin' },
      schema: { tags, body: promqlQuery, response: responses({ 200: metricSeriesAnswer }) },
    },
    answerErrors(async (request) => promql(request.body)),
  );
}
