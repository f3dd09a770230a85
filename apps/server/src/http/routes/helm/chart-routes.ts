import {
  type ChartSearchQuery,
  chartDetail,
  chartList,
  chartSearchQuery,
  chartVersionList,
} from '@portolan/api';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Catalogue } from '#server/helm/catalogue.ts';
import { CatalogueError } from '#server/helm/catalogue-errors.ts';
import { ChartSourceError } from '#server/helm/chart-source.ts';
import { handleError } from '../../errors.ts';
import { responses } from '../shared/route-schemas.ts';

/** Catalogue refusals say what is wrong and the field at fault; anything else as every route does. */
export function catalogueErrors(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof CatalogueError) {
    void reply.status(error.status).send({
      error: {
        code: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
      },
    });
    return;
  }
  if (error instanceof ChartSourceError) {
    void reply
      .status(error.status)
      .send({ error: { code: error.status === 404 ? 'not-found' : 'unreachable', message: error.message } });
    return;
  }
  handleError(error, request, reply);
}

const names = (...keys: string[]) => ({
  type: 'object',
  required: keys,
  properties: Object.fromEntries(keys.map((key) => [key, { type: 'string', minLength: 1, maxLength: 253 }])),
});

type Params = { repository: string; chart: string; version: string };

/**
 * The catalogue: every role at any level may browse it (charts:read; the hook needs the permission
 * somewhere, and nothing here is scoped to a cluster).
 */
export function registerChartRoutes(app: FastifyInstance, catalogue: Catalogue): void {
  const read = {
    config: { permission: 'charts:read', scope: 'handler' } as const,
    errorHandler: catalogueErrors,
  };
  app.get<{ Querystring: ChartSearchQuery }>(
    '/api/v1/helm/charts',
    {
      ...read,
      schema: {
        summary:
          'Charts of every repository by name, keyword and category: one row per chart with its newest release',
        tags: ['helm'],
        querystring: chartSearchQuery,
        response: responses({ 200: chartList }),
      },
    },
    (request) => catalogue.search(request.query),
  );
  app.get<{ Params: Params }>(
    '/api/v1/helm/charts/:repository/:chart',
    {
      ...read,
      schema: {
        summary: 'Every version of a chart, newest first',
        tags: ['helm'],
        params: names('repository', 'chart'),
        response: responses({ 200: chartVersionList }),
      },
    },
    (request) => catalogue.versions(request.params.repository, request.params.chart),
  );
  app.get<{ Params: Params }>(
    '/api/v1/helm/charts/:repository/:chart/:version',
    {
      ...read,
      schema: {
        summary:
          'A chart version with its README, default values, values schema, Chart.yaml and dependencies',
        tags: ['helm'],
        params: names('repository', 'chart', 'version'),
        response: responses({ 200: chartDetail }),
      },
    },
    (request) => catalogue.detail(request.params.repository, request.params.chart, request.params.version),
  );
  app.get<{ Params: Params }>(
    '/api/v1/helm/charts/:repository/:chart/:version/icon',
    {
      ...read,
      schema: {
        summary:
          'The chart’s icon, fetched and kept by Portolan (PNG, JPEG, GIF, WebP or SVG, at most 256 KiB)',
        tags: ['helm'],
        params: names('repository', 'chart', 'version'),
      },
    },
    async (request, reply) => {
      const { repository, chart, version } = request.params;
      const icon = await catalogue.icon(repository, chart, version);
      // Served as an image only: never sniffed as anything else, and an SVG runs no script and loads nothing.
      void reply
        .header('content-type', icon.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header('content-disposition', 'inline; filename="icon"')
        .header('cache-control', 'private, max-age=3600');
      return reply.send(icon.body);
    },
  );
}
