import { type MetricsSourceSettings, metricsEngineStatus, metricsSource } from '@portolan/api';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { allowedInCluster } from '#server/iam/authorize.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { type MetricsEngineService, MetricsSourceError } from '#server/monitoring/engine/index.ts';
import { pathParams, responses } from '../shared/route-schemas.ts';

export interface EngineRouteDeps {
  engine: Pick<MetricsEngineService, 'status' | 'sources'>;
}

const tags = ['monitoring'];
type ClusterParams = { Params: { cluster: string } };

/** A source refusal with the field at fault: 404 for an unknown cluster, 400 for the rest. */
function refuse(reply: FastifyReply, error: unknown) {
  if (!(error instanceof MetricsSourceError)) throw error;
  return reply.status(error.code === 'not-found' ? 404 : 400).send({
    error: { code: error.code, message: error.message, field: error.field },
  });
}

/**
 * The metrics engine's state and each cluster's metrics source. The managed engine's targets are
 * shown only for clusters the caller may read metrics of; a source's token is never returned.
 */
export function registerEngineRoutes(app: FastifyInstance, deps: EngineRouteDeps): void {
  app.get(
    '/api/v1/monitoring/engine',
    {
      config: { permission: 'monitoring:read', scope: 'handler' },
      schema: {
        tags,
        summary:
          'The metrics engine: mode, availability and why not, limits, memory, series and scrape targets',
        description:
          'mode managed: Portolan runs Prometheus (one replica), scraping every cluster through its scrape ' +
          'proxy; off: no engine, with the reason and what to install; external-only: every cluster points ' +
          'to an engine of its own. Targets are listed for clusters where you may read metrics.',
        response: responses({ 200: metricsEngineStatus }),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const status = await deps.engine.status();
      return {
        ...status,
        targets: status.targets.filter((target) =>
          allowedInCluster(caller, 'monitoring:read', target.cluster),
        ),
      };
    },
  );

  const params = pathParams();
  app.get<ClusterParams>(
    '/api/v1/monitoring/sources/:cluster',
    {
      config: { permission: 'monitoring:read' },
      schema: {
        tags,
        summary: "Where a cluster's metrics come from: the managed engine, or an external Prometheus",
        params,
        response: responses({ 200: metricsSource }),
      },
    },
    async (request, reply) => {
      try {
        return await deps.engine.sources.get(request.params.cluster);
      } catch (error) {
        return refuse(reply, error);
      }
    },
  );

  app.put<ClusterParams & { Body: MetricsSourceSettings }>(
    '/api/v1/monitoring/sources/:cluster',
    {
      config: { permission: 'monitoring:admin' },
      schema: {
        tags,
        summary:
          "Point a cluster's metrics at an external Prometheus or VictoriaMetrics, or back to the managed engine",
        description:
          'kind external: url is the query API base (Portolan checks that it answers /api/v1/status/buildinfo ' +
          'and says why when it does not); clusterLabel/clusterValue say how that engine names this cluster ' +
          '(absent: it holds this cluster only); bearerToken is sealed at rest and never returned (left out: ' +
          'the kept one stays; empty: removed). The managed engine stops scraping the cluster. kind managed: ' +
          'back to the managed engine.',
        params,
        body: metricsSource,
        response: responses({ 200: metricsSource }),
      },
    },
    async (request, reply) => {
      // hasToken (read-only) is ignored, so an answer sent back as it came changes nothing.
      try {
        return await deps.engine.sources.put(
          request.params.cluster,
          request.body,
          callerOf(request).username,
        );
      } catch (error) {
        return refuse(reply, error);
      }
    },
  );
}
