import type { FastifyInstance, FastifyRequest } from 'fastify';
import { callerOf } from '#server/iam/route-guards.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { ResourceError } from '#server/resources/resource-errors.ts';
import {
  createResource,
  deleteResource,
  getResource,
  type PatchType,
  patchResource,
  replaceResource,
} from '#server/resources/resource-service.ts';
import type { ClusterTarget, ResourceTargets } from '#server/resources/resource-targets.ts';
import { readJsonBody } from '../../json-body.ts';
import { maskSecret, refuseMaskedValues } from '../config/secret-masking.ts';
import {
  anyObject,
  dryRun,
  fieldManager,
  kubeObject,
  pathParams,
  query,
  responses,
} from '../shared/route-schemas.ts';

const PATCH_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/json-patch+json': 'json',
};

const kindDescription =
  'any name kubectl accepts: `pods`, `deploy`, `deployments.apps`, `deployments.v1.apps`, a custom resource';
const objectParams = {
  ...pathParams('name'),
  properties: { ...pathParams('name').properties, kind: { type: 'string', description: kindDescription } },
  required: ['cluster', 'kind', 'name'],
} as const;
const collectionParams = {
  ...pathParams(),
  properties: { ...pathParams().properties, kind: { type: 'string', description: kindDescription } },
  required: ['cluster', 'kind'],
} as const;
const namespaceQuery = { type: 'string', description: 'for namespaced kinds' } as const;
const writeQuery = query({ namespace: namespaceQuery, dryRun, fieldManager });

type ObjectRoute = { Params: { cluster: string; kind: string; name: string } };
type WriteQuery = { namespace?: string; dryRun?: boolean; fieldManager?: string };

const writeOptions = (q: WriteQuery) => ({
  ...(q.dryRun ? { dryRun: true } : {}),
  fieldManager: q.fieldManager ?? 'portolan',
  ...(q.namespace ? { namespace: q.namespace } : {}),
});

/** The object's kind must be the one the path names; a missing apiVersion and kind come from it. */
async function matchKind(target: ClusterTarget, kind: string, object: KubeObject): Promise<KubeObject> {
  const resource = await target.kinds.resolve(kind);
  const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
  if (object.kind && object.kind !== resource.kind) {
    throw new ResourceError(
      'bad-request',
      400,
      `the path names ${resource.kind} but the object is a ${object.kind}`,
    );
  }
  return { ...object, apiVersion: object.apiVersion ?? apiVersion, kind: resource.kind };
}

/** Live get, create, replace, patch and delete of one object of any kind; Secret values masked. */
export function registerResourceRoutes(app: FastifyInstance, targets: ResourceTargets): void {
  const read = { permission: 'resources:read' } as const;
  const write = { permission: 'resources:write' } as const;
  const tags = ['resources'];
  const base = '/api/v1/clusters/:cluster/resources/:kind';

  app.register(async (scope) => {
    scope.addContentTypeParser(Object.keys(PATCH_TYPES), { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, readJsonBody(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    });

    scope.get<ObjectRoute & { Querystring: { namespace?: string } }>(
      `${base}/:name`,
      {
        config: read,
        schema: {
          tags,
          summary: 'Read one object live from the cluster',
          params: objectParams,
          querystring: query({ namespace: namespaceQuery }),
          response: responses({ 200: kubeObject }),
        },
      },
      async (request) => {
        const { cluster, kind, name } = request.params;
        const target = await targets.of(cluster, callerOf(request));
        return maskSecret(await getResource(target, { kind, name, ...nsOf(request) }));
      },
    );

    scope.post<{ Params: { cluster: string; kind: string }; Querystring: WriteQuery; Body: KubeObject }>(
      base,
      {
        config: write,
        schema: {
          tags,
          summary: 'Create an object (metadata.generateName works)',
          params: collectionParams,
          querystring: writeQuery,
          body: kubeObject,
          response: responses({ 201: kubeObject }),
        },
      },
      async (request, reply) => {
        const target = await targets.of(request.params.cluster, callerOf(request));
        const object = await matchKind(target, request.params.kind, request.body);
        refuseMaskedValues(object);
        const created = await createResource(target, object, writeOptions(request.query));
        return reply.status(201).send(maskSecret(created));
      },
    );

    scope.put<ObjectRoute & { Querystring: WriteQuery; Body: KubeObject }>(
      `${base}/:name`,
      {
        config: write,
        schema: {
          tags,
          summary: 'Replace an object as read (metadata.resourceVersion required; 409 with the current one)',
          params: objectParams,
          querystring: writeQuery,
          body: kubeObject,
          response: responses({ 200: kubeObject }),
        },
      },
      async (request) => {
        const target = await targets.of(request.params.cluster, callerOf(request));
        const object = await matchKind(target, request.params.kind, request.body);
        if (object.metadata?.name !== request.params.name) {
          throw new ResourceError(
            'bad-request',
            400,
            `the path names "${request.params.name}" but metadata.name is "${object.metadata?.name ?? ''}"`,
          );
        }
        refuseMaskedValues(object);
        return maskSecret(await replaceResource(target, object, writeOptions(request.query)));
      },
    );

    scope.patch<ObjectRoute & { Querystring: WriteQuery; Body: unknown }>(
      `${base}/:name`,
      {
        config: write,
        schema: {
          tags,
          summary: 'Patch an object: merge, JSON or strategic, by Content-Type or by `type`',
          params: objectParams,
          querystring: writeQuery,
          body: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['patch'],
                  additionalProperties: false,
                  properties: {
                    type: { type: 'string', enum: ['merge', 'json', 'strategic'], default: 'merge' },
                    patch: { anyOf: [anyObject, { type: 'array', items: anyObject }] },
                  },
                },
              },
              'application/merge-patch+json': { schema: anyObject },
              'application/strategic-merge-patch+json': { schema: anyObject },
              'application/json-patch+json': { schema: { type: 'array', items: anyObject } },
            },
          },
          response: responses({ 200: kubeObject }),
        },
      },
      async (request) => {
        const { cluster, kind, name } = request.params;
        const target = await targets.of(cluster, callerOf(request));
        const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
        const typed = PATCH_TYPES[mediaType];
        const body = request.body as { type?: PatchType; patch: unknown };
        const type = typed ?? body.type ?? 'merge';
        const patch = typed ? request.body : body.patch;
        const resource = await target.kinds.resolve(kind);
        if (resource.group === '' && resource.kind === 'Secret' && !Array.isArray(patch))
          refuseMaskedValues({ ...(patch as object), apiVersion: 'v1', kind: 'Secret' });
        const patched = await patchResource(target, { kind, name, ...nsOf(request) }, patch, {
          type,
          ...writeOptions(request.query),
        });
        return maskSecret(patched);
      },
    );

    scope.delete<
      ObjectRoute & {
        Querystring: {
          namespace?: string;
          propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
          gracePeriodSeconds?: number;
          dryRun?: boolean;
        };
      }
    >(
      `${base}/:name`,
      {
        config: write,
        schema: {
          tags,
          summary: 'Delete an object; `deleting` while finalizers or foreground deletion keep it',
          params: objectParams,
          querystring: query({
            namespace: namespaceQuery,
            propagationPolicy: { type: 'string', enum: ['Foreground', 'Background', 'Orphan'] },
            gracePeriodSeconds: { type: 'integer', minimum: 0 },
            dryRun,
          }),
          response: responses({
            200: {
              type: 'object',
              properties: { state: { type: 'string', enum: ['deleted', 'deleting'] }, object: kubeObject },
            },
          }),
        },
      },
      async (request) => {
        const { cluster, kind, name } = request.params;
        const { namespace, ...options } = request.query;
        const result = await deleteResource(
          await targets.of(cluster, callerOf(request)),
          { kind, name, ...(namespace ? { namespace } : {}) },
          options,
        );
        return result.object ? { ...result, object: maskSecret(result.object) } : result;
      },
    );
  });
}

function nsOf(request: FastifyRequest<{ Querystring: { namespace?: string } }>): { namespace?: string } {
  return request.query.namespace ? { namespace: request.query.namespace } : {};
}
