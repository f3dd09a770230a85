import type { SandboxManager } from '@portolan/sandbox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ChangeHub } from '#server/sync/change-hub.ts';
import { handleError } from './errors.ts';
import type { Metrics } from './metrics.ts';
import { PERMISSIONS } from './permissions.ts';
import { registerChangeRoutes } from './routes/change-routes.ts';
import type { ClusterRouteDeps } from './routes/cluster-routes.ts';
import { registerClusterRoutes } from './routes/cluster-routes.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';
import { registerMetricsRoutes } from './routes/metrics-routes.ts';
import { registerSandboxRoutes } from './routes/sandbox-routes.ts';
import { registerSearchRoutes } from './routes/search-routes.ts';

/** The cluster-facing services; absent in tests of the sandbox routes alone. */
export interface CoreDeps extends ClusterRouteDeps {
  changes: ChangeHub;
  metrics: Metrics;
}

export interface AppDeps {
  sandboxes: SandboxManager;
  logLevel: string;
  isReady: () => boolean;
  core?: CoreDeps;
}

/** The HTTP application: routes, each with its declared permission, and error mapping. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    logger: { level: deps.logLevel },
    // Unknown fields are a mistake to report, not to drop. Query strings need coercion to numbers.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  });
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (!permission || !PERMISSIONS.includes(permission)) {
      throw new Error(`route ${route.method} ${route.url} declares no permission; add config.permission`);
    }
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send({ error: { code: 'not-found', message: `no route ${request.method} ${request.url}` } });
  });
  if (deps.core) registerMetricsRoutes(app, deps.core.metrics);
  registerHealthRoutes(app, deps.isReady);
  registerSandboxRoutes(app, deps.sandboxes);
  if (deps.core) {
    registerClusterRoutes(app, deps.core);
    registerSearchRoutes(app, deps.core.store);
    registerChangeRoutes(app, deps.core.store, deps.core.changes);
  }
  return app;
}
