import type { FastifyInstance } from 'fastify';

export function registerHealthRoutes(app: FastifyInstance, isReady: () => boolean): void {
  app.get('/healthz', { config: { permission: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { permission: 'public' } }, async (_request, reply) => {
    if (!isReady()) return reply.status(503).send({ status: 'starting' });
    return { status: 'ok' };
  });
}
