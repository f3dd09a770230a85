import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../metrics.ts';

export function registerMetricsRoutes(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { permission: 'metrics:read' } }, async (_request, reply) =>
    reply.type('text/plain; version=0.0.4').send(await metrics.render()),
  );
}
