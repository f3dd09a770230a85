import type { FastifyInstance } from 'fastify';
import { callerOf } from '#server/iam/route-guards.ts';
import { createResource, getResource } from '#server/resources/resource-service.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import { dryRun, kubeObject, pathParams, query, responses, stringMap } from '../shared/route-schemas.ts';
import { buildSecret, decodedValues, type SecretInput, secretKeys } from './secret-build.ts';
import { maskSecret } from './secret-masking.ts';

const secretPath = '/api/v1/clusters/:cluster/secrets/:namespace/:name';

const keys = {
  type: 'array',
  items: { type: 'object', properties: { key: { type: 'string' }, bytes: { type: 'integer' } } },
} as const;

const secretView = {
  type: 'object',
  properties: { secret: kubeObject, type: { type: 'string' }, keys, decoded: stringMap },
} as const;

const createBody = {
  type: 'object',
  required: ['name', 'type'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    type: { type: 'string', enum: ['opaque', 'tls', 'docker-registry'] },
    data: { ...stringMap, description: 'values in plain text' },
    tls: {
      type: 'object',
      required: ['certificate', 'key'],
      additionalProperties: false,
      properties: { certificate: { type: 'string' }, key: { type: 'string' } },
    },
    dockerRegistry: {
      type: 'object',
      required: ['server', 'username', 'password'],
      additionalProperties: false,
      properties: {
        server: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        email: { type: 'string' },
      },
    },
    labels: stringMap,
    annotations: stringMap,
  },
} as const;

/**
 * Secrets: created from a typed form (opaque, TLS, docker-registry), read masked, and read in
 * clear only through the reveal route with its own permission.
 */
export function registerSecretRoutes(app: FastifyInstance, targets: ResourceTargets): void {
  const tags = ['config'];
  type Named = { Params: { cluster: string; namespace: string; name: string } };

  app.post<{
    Params: { cluster: string; namespace: string };
    Body: Omit<SecretInput, 'namespace'>;
    Querystring: { dryRun?: boolean };
  }>(
    '/api/v1/clusters/:cluster/secrets/:namespace',
    {
      config: { permission: 'resources:write' },
      schema: {
        tags,
        summary:
          'Create a Secret: opaque values, a TLS certificate and key (checked to match), or registry credentials',
        params: pathParams('namespace'),
        querystring: query({ dryRun }),
        body: createBody,
        response: responses({ 201: secretView }),
      },
    },
    async (request, reply) => {
      const target = await targets.of(request.params.cluster, callerOf(request));
      const secret = buildSecret({ ...request.body, namespace: request.params.namespace });
      const created = await createResource(target, secret, {
        fieldManager: 'portolan',
        ...(request.query.dryRun ? { dryRun: true } : {}),
      });
      return reply
        .status(201)
        .send({ secret: maskSecret(created), type: created.type, keys: secretKeys(created) });
    },
  );

  app.get<Named & { Querystring: { reveal?: boolean } }>(
    secretPath,
    {
      config: { permission: 'resources:read' },
      schema: {
        tags,
        summary: 'A Secret with its values masked; `reveal=true` redirects to the reveal route',
        params: pathParams('namespace', 'name'),
        querystring: query({
          reveal: { type: 'boolean', description: 'see the values (needs secrets:reveal)' },
        }),
        response: responses({ 200: secretView, 307: { type: 'null', description: 'to …/reveal' } }),
      },
    },
    async (request, reply) => {
      const { cluster, namespace, name } = request.params;
      // The values are served by a route of their own, so that they need their own permission.
      if (request.query.reveal) return reply.redirect(`${request.url.split('?')[0]}/reveal`, 307);
      const secret = await getResource(await targets.of(cluster, callerOf(request)), {
        kind: 'secrets',
        namespace,
        name,
      });
      return { secret: maskSecret(secret), type: secret.type, keys: secretKeys(secret) };
    },
  );

  app.get<Named>(
    `${secretPath}/reveal`,
    {
      config: { permission: 'secrets:reveal' },
      schema: {
        tags,
        summary: 'A Secret with its values, base64 in `secret.data` and as text in `decoded`',
        params: pathParams('namespace', 'name'),
        response: responses({ 200: secretView }),
      },
    },
    async (request, reply) => {
      const { cluster, namespace, name } = request.params;
      const secret = await getResource(await targets.of(cluster, callerOf(request)), {
        kind: 'secrets',
        namespace,
        name,
      });
      void reply.header('cache-control', 'no-store');
      return { secret, type: secret.type, keys: secretKeys(secret), decoded: decodedValues(secret) };
    },
  );
}
