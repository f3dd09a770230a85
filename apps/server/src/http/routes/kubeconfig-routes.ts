import type { FastifyInstance } from 'fastify';
import type { ClusterRegistry } from '#server/clusters/cluster-registry.ts';
import { renderIssuedKubeconfig } from '#server/proxy/issued-kubeconfig.ts';

/** The kubeconfig that points kubectl and helm at every registered cluster through Portolan. */
export function registerKubeconfigRoutes(
  app: FastifyInstance,
  deps: {
    clusters: ClusterRegistry;
    proxyUrl: () => string;
    certificateAuthority: string | undefined;
    token: string;
  },
): void {
  app.get<{ Querystring: { cluster?: string } }>(
    '/api/v1/kubeconfig',
    {
      config: { permission: 'clusters:proxy' },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { cluster: { type: 'string' } },
        },
      },
    },
    async (request, reply) => {
      const names = (await deps.clusters.list()).map((cluster) => cluster.name);
      if (names.length === 0) {
        return reply.status(409).send({
          error: { code: 'no-clusters', message: 'register a cluster first: POST /api/v1/clusters' },
        });
      }
      const current = request.query.cluster;
      if (current && !names.includes(current)) {
        return reply
          .status(404)
          .send({ error: { code: 'not-found', message: `no cluster named "${current}"` } });
      }
      const text = renderIssuedKubeconfig({
        baseUrl: deps.proxyUrl(),
        clusters: names,
        token: deps.token,
        userName: 'admin',
        ...(current ? { currentCluster: current } : {}),
        ...(deps.certificateAuthority ? { certificateAuthority: deps.certificateAuthority } : {}),
      });
      return reply.type('application/yaml').send(text);
    },
  );
}
