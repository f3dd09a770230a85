import type { FastifyInstance } from 'fastify';
import { callerOf } from '#server/iam/route-guards.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import { anyObject, kubeObject, pathParams, responses } from '../shared/route-schemas.ts';
import { ingressWithRules, serviceWithEndpoints } from './network-views.ts';

const objectParams = pathParams('namespace', 'name');
const list = { type: 'array', items: anyObject } as const;

/** What the generic routes do not show of Services and Ingresses: endpoints, rules and TLS. */
export function registerNetworkRoutes(app: FastifyInstance, targets: ResourceTargets): void {
  const config = { permission: 'resources:read' } as const;
  const tags = ['network'];
  type Named = { Params: { cluster: string; namespace: string; name: string } };

  app.get<Named>(
    '/api/v1/clusters/:cluster/services/:namespace/:name',
    {
      config,
      schema: {
        tags,
        summary: 'A Service with its endpoints (from its EndpointSlices)',
        params: objectParams,
        response: responses({
          200: {
            type: 'object',
            properties: {
              service: kubeObject,
              type: { type: 'string', enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
              headless: { type: 'boolean' },
              endpoints: list,
              ports: list,
              slices: { type: 'array', items: { type: 'string' } },
            },
          },
        }),
      },
    },
    async (request) => {
      const { cluster, namespace, name } = request.params;
      return serviceWithEndpoints((await targets.of(cluster, callerOf(request))).client, namespace, name);
    },
  );

  app.get<Named>(
    '/api/v1/clusters/:cluster/ingresses/:namespace/:name',
    {
      config,
      schema: {
        tags,
        summary: 'An Ingress with its rules and TLS, each saying whether its Service or Secret exists',
        params: objectParams,
        response: responses({
          200: {
            type: 'object',
            properties: {
              ingress: kubeObject,
              className: { type: ['string', 'null'] },
              rules: list,
              tls: list,
              defaultBackend: { anyOf: [anyObject, { type: 'null' }] },
              addresses: { type: 'array', items: { type: 'string' } },
            },
          },
        }),
      },
    },
    async (request) => {
      const { cluster, namespace, name } = request.params;
      return ingressWithRules((await targets.of(cluster, callerOf(request))).client, namespace, name);
    },
  );
}
