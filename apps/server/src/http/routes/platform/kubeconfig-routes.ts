import type { FastifyInstance } from 'fastify';
import type { ClusterRegistry } from '#server/clusters/cluster-registry.ts';
import { allowedInCluster } from '#server/iam/authorize.ts';
import type { IamServices } from '#server/iam/iam-services.ts';
import { renderIssuedKubeconfig } from '#server/proxy/issued-kubeconfig.ts';

/**
 * The caller's kubeconfig: a context for every cluster they may reach through the proxy, with a
 * new API token limited to the proxy (30 days; revocable among the caller's tokens).
 */
export function registerKubeconfigRoutes(
  app: FastifyInstance,
  deps: {
    clusters: ClusterRegistry;
    proxyUrl: () => string;
    certificateAuthority: string | undefined;
    iam: IamServices;
  },
): void {
  app.get<{ Querystring: { cluster?: string } }>(
    '/api/v1/kubeconfig',
    {
      config: { permission: 'clusters:proxy', scope: 'handler' },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { cluster: { type: 'string' } },
        },
      },
    },
    async (request, reply) => {
      const caller = request.caller;
      const names = (await deps.clusters.list())
        .map((cluster) => cluster.name)
        .filter((name) => allowedInCluster(caller, 'clusters:proxy', name));
      if (names.length === 0) {
        return reply.status(409).send({
          error: {
            code: 'no-clusters',
            message:
              'no registered cluster you may reach through the proxy: register one (POST /api/v1/clusters) or ask its Admin for a role',
          },
        });
      }
      const current = request.query.cluster;
      if (current && !names.includes(current)) {
        return reply
          .status(404)
          .send({ error: { code: 'not-found', message: `no cluster named "${current}"` } });
      }
      const issueToken = async () => {
        if (!caller) throw new Error('the access hook sets the caller');
        const limit = caller.credential.kind === 'token' ? caller.credential.scopes : 'all';
        const day = new Date().toISOString().slice(0, 10);
        const created = await deps.iam.tokens.create(
          caller.userId,
          { name: `kubeconfig ${day}`, scopes: ['clusters:proxy'], expiresInDays: 30 },
          limit,
        );
        return created.token;
      };
      const text = renderIssuedKubeconfig({
        baseUrl: deps.proxyUrl(),
        clusters: names,
        token: await issueToken(),
        userName: caller?.username ?? 'portolan',
        ...(current ? { currentCluster: current } : {}),
        ...(deps.certificateAuthority ? { certificateAuthority: deps.certificateAuthority } : {}),
      });
      return reply.type('application/yaml').send(text);
    },
  );
}
