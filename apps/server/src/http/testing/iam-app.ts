/** A Fastify app with only the identity routes, wired as the lead's app would: access hook, audit hook. */
import Fastify, { type FastifyInstance } from 'fastify';
import { PERMISSIONS, type Permission } from '#server/iam/permissions.ts';
import { createTestIam, type TestIam } from '#server/iam/testing/iam-services.ts';
import { createAccessHook, createForgetHook } from '../access-hook.ts';
import { createAuditHooks } from '../audit-hook.ts';
import { handleError } from '../errors.ts';
import { registerOidcRoutes } from '../routes/iam/auth-oidc-routes.ts';
import { registerAuthRoutes } from '../routes/iam/auth-routes.ts';
import { registerTokenRoutes } from '../routes/iam/auth-token-routes.ts';
import { registerIamAuditRoutes } from '../routes/iam/iam-audit-routes.ts';
import { registerIamBindingRoutes } from '../routes/iam/iam-binding-routes.ts';
import { registerIamUserRoutes } from '../routes/iam/iam-user-routes.ts';
import { registerIamWorkspaceRoutes } from '../routes/iam/iam-workspace-routes.ts';

export interface IamTestApp {
  app: FastifyInstance;
  iam: TestIam;
  routes: Array<{ method: string; url: string; permission: Permission }>;
  accessChanges: () => number;
  close(): Promise<void>;
}

export async function startIamTestApp(
  options: Parameters<typeof createTestIam>[0] = {},
): Promise<IamTestApp> {
  const iam = await createTestIam(options);
  const app = Fastify({
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  });
  const routes: IamTestApp['routes'] = [];
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (!permission || !PERMISSIONS.includes(permission))
      throw new Error(`${route.url} declares no permission`);
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, permission });
  });
  app.setErrorHandler(handleError);
  app.addHook('onRequest', createAccessHook(iam.authenticate));
  const auditHooks = createAuditHooks(iam.audit);
  app.addHook('onRequest', auditHooks.onRequest);
  app.addHook('onResponse', auditHooks.onResponse);
  app.addHook('onSend', createForgetHook(iam.authenticate));
  let changes = 0;
  const deps = { iam, cookies: { secure: false }, onAccessChanged: () => void changes++ };
  registerAuthRoutes(app, deps);
  registerOidcRoutes(app, deps);
  registerTokenRoutes(app, deps);
  registerIamUserRoutes(app, deps);
  registerIamWorkspaceRoutes(app, deps);
  registerIamBindingRoutes(app, deps);
  registerIamAuditRoutes(app, { audit: iam.audit });
  await app.ready();
  return {
    app,
    iam,
    routes,
    accessChanges: () => changes,
    async close() {
      await app.close();
      await iam.destroy();
    },
  };
}

/** Signs in through the API; answers the headers a browser would then send (cookie and CSRF token). */
export async function signIn(app: FastifyInstance, username: string, password: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${username}: ${response.statusCode} ${response.body}`);
  const cookies = ([response.headers['set-cookie']].flat() as string[])
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie: cookies, 'x-csrf-token': response.json().csrfToken as string };
}
