import type { SandboxManager } from '@portolan/sandbox';
import Fastify, { type FastifyInstance } from 'fastify';
import { handleError } from './errors.ts';
import { PERMISSIONS } from './permissions.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';
import { registerSandboxRoutes } from './routes/sandbox-routes.ts';

export interface AppDeps {
  sandboxes: SandboxManager;
  logLevel: string;
  isReady: () => boolean;
}

/** The HTTP application: routes, each with its declared permission, and error mapping. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    logger: { level: deps.logLevel },
    // Unknown fields are a mistake to report, not to drop; types are not silently coerced.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
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
  registerHealthRoutes(app, deps.isReady);
  registerSandboxRoutes(app, deps.sandboxes);
  return app;
}
