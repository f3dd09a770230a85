import Fastify, { type FastifyInstance } from 'fastify';
import type { ClusterRegistry } from '#server/clusters/cluster-registry.ts';
import { bearerToken, tokenMatches } from '#server/iam/admin-token.ts';
import { registerKubeProxy } from '#server/proxy/kube-proxy.ts';

export interface ProxyServerDeps {
  clusters: ClusterRegistry;
  tls: { cert: string; key: string };
  adminToken: string;
  logLevel: string;
}

/**
 * The Kubernetes API proxy on its own https listener: kubectl and helm send no bearer token over
 * plain http. Until users exist (the identity issue) only the administrator's token is accepted,
 * and requests go to the member cluster with the credentials Portolan holds for it.
 */
export function buildProxyServer(deps: ProxyServerDeps): FastifyInstance {
  const app = Fastify({
    https: { cert: deps.tls.cert, key: deps.tls.key },
    logger: { level: deps.logLevel },
  });
  const proxy = registerKubeProxy(app, {
    authenticate: (request) =>
      tokenMatches(deps.adminToken, bearerToken(request.headers.authorization))
        ? { user: 'admin' }
        : undefined,
    targets: {
      async resolve(name) {
        const target = await deps.clusters.connectionOf(name);
        return target ? { connection: target.connection } : undefined;
      },
    },
    permission: 'clusters:proxy',
  });
  app.server.on('upgrade', (request, socket, head) => {
    if (!proxy.handleUpgrade(request, socket, head)) socket.destroy();
  });
  return app;
}
