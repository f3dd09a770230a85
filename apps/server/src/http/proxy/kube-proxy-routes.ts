import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createKubeProxy, type KubeProxy, type KubeProxyOptions } from '#server/proxy/kube-proxy.ts';
import { KUBE_PROXY_PREFIX } from '#server/proxy/proxy-path.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Mounts the Kubernetes API proxy (proxy/kube-proxy.ts) at /k8s/clusters/{cluster}/… on a Fastify
 * app. The routes declare the proxy's permission; Fastify lets go of each response before it is
 * answered (hijack), and closing the app ends the open watches, logs and exec sessions. Upgrades
 * (exec, attach, port-forward) reach the proxy through the server's `upgrade` event: the caller
 * hands them to the returned proxy's handleUpgrade.
 */
export function registerKubeProxy<Caller>(
  app: FastifyInstance,
  options: KubeProxyOptions<Caller>,
): KubeProxy {
  const proxy = createKubeProxy({ ...options, log: app.log });
  app.addHook('preClose', async () => proxy.close());

  const handle = (request: FastifyRequest, reply: FastifyReply): Promise<void> =>
    proxy.handleRequest(
      request.raw,
      () => {
        reply.hijack();
        return reply.raw;
      },
      request.log,
    );

  void app.register(async (scope) => {
    // Bodies are streamed to the member cluster as they are, whatever their content type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const config = { permission: options.permission };
    scope.route({ method: METHODS, url: `${KUBE_PROXY_PREFIX}/:cluster`, config, handler: handle });
    scope.route({ method: METHODS, url: `${KUBE_PROXY_PREFIX}/:cluster/*`, config, handler: handle });
  });
  return proxy;
}
