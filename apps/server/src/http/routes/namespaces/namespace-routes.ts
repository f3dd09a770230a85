import type { FastifyInstance } from 'fastify';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { InvalidObjectError } from '#server/resources/resource-errors.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import { isQuantity, Problems } from '#server/workloads/field-checks.ts';
import { builtIn, callObject, listIn } from '#server/workloads/workload-kinds.ts';
import { requestClient } from '../shared/request-client.ts';
import { anyObject, kubeObject, pathParams, responses, stringMap } from '../shared/route-schemas.ts';

const NAMESPACES = { ...builtIn('', 'v1', 'namespaces', 'Namespace'), namespaced: false };
const QUOTAS = builtIn('', 'v1', 'resourcequotas', 'ResourceQuota');
const LIMITS = builtIn('', 'v1', 'limitranges', 'LimitRange');
const LIMIT_TYPES = ['Container', 'Pod', 'PersistentVolumeClaim'] as const;
const AMOUNT_FIELDS = ['default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio'] as const;

interface LimitInput {
  type: (typeof LIMIT_TYPES)[number];
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  max?: Record<string, string>;
  min?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

async function namespaceView(client: KubeClient, name: string) {
  const namespace = await callObject(client, { resource: NAMESPACES, namespace: undefined, name }, 'get');
  const [quotas, limitRanges] = await Promise.all([
    listIn(client, QUOTAS, name),
    listIn(client, LIMITS, name),
  ]);
  return {
    namespace,
    phase: (namespace.status as { phase?: string } | undefined)?.phase ?? 'Active',
    quotas: quotas.map((quota) => {
      const status = (quota.status ?? {}) as { hard?: Record<string, string>; used?: Record<string, string> };
      return { name: quota.metadata?.name ?? '', hard: status.hard ?? {}, used: status.used ?? {} };
    }),
    limitRanges: limitRanges.map((range) => ({
      name: range.metadata?.name ?? '',
      limits: (range.spec as { limits?: unknown[] } | undefined)?.limits ?? [],
    })),
  };
}

function checkAmounts(problems: Problems, field: string, amounts: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(amounts ?? {}))
    if (!isQuantity(value))
      problems.add(`${field}.${key}`, 'invalid', `"${value}" is not a quantity such as 500m or 2Gi`);
}

/** Server-side apply of one object Portolan owns in the namespace; fields it set before and no longer sets go. */
function applyOwned(client: KubeClient, object: KubeObject, resource: typeof QUOTAS) {
  const location = { resource, namespace: object.metadata?.namespace, name: object.metadata?.name };
  return callObject(client, location, 'patch', {
    method: 'PATCH',
    query: { fieldManager: 'portolan', fieldValidation: 'Strict', force: true },
    body: JSON.stringify(object),
    contentType: 'application/apply-patch+yaml',
  });
}

/** A namespace with its quotas (hard and used) and limit ranges; quota and limits set from forms. */
export function registerNamespaceRoutes(app: FastifyInstance, targets: ResourceTargets): void {
  const tags = ['namespaces'];
  const write = { permission: 'resources:write' } as const;
  const path = '/api/v1/clusters/:cluster/namespaces/:name';
  type Named = { Params: { cluster: string; name: string } };
  const client = requestClient(targets);

  app.get<Named>(
    path,
    {
      config: { permission: 'resources:read' },
      schema: {
        tags,
        summary: 'A namespace with its ResourceQuotas (hard and used) and LimitRanges',
        params: pathParams('name'),
        response: responses({
          200: {
            type: 'object',
            properties: {
              namespace: kubeObject,
              phase: { type: 'string' },
              quotas: { type: 'array', items: anyObject },
              limitRanges: { type: 'array', items: anyObject },
            },
          },
        }),
      },
    },
    async (request) => namespaceView(await client(request), request.params.name),
  );

  app.put<Named & { Body: { name?: string; hard: Record<string, string> } }>(
    `${path}/quota`,
    {
      config: write,
      schema: {
        tags,
        summary:
          'Set a ResourceQuota (`quota` unless named): cpu, memory, pods, requests.*, limits.*, count/*',
        params: pathParams('name'),
        body: {
          type: 'object',
          required: ['hard'],
          additionalProperties: false,
          properties: { name: { type: 'string', default: 'quota' }, hard: stringMap },
        },
        response: responses({ 200: kubeObject }),
      },
    },
    async (request) => {
      const problems = new Problems();
      checkAmounts(problems, 'hard', request.body.hard);
      if (problems.list.length) throw new InvalidObjectError('the quota', problems.list);
      const quota = {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: request.body.name ?? 'quota', namespace: request.params.name },
        spec: { hard: request.body.hard },
      };
      return applyOwned(await client(request), quota, QUOTAS);
    },
  );

  app.put<Named & { Body: { name?: string; limits: LimitInput[] } }>(
    `${path}/limits`,
    {
      config: write,
      schema: {
        tags,
        summary:
          'Set a LimitRange (`limits` unless named): defaults, minimums and maximums per container, pod or claim',
        params: pathParams('name'),
        body: {
          type: 'object',
          required: ['limits'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', default: 'limits' },
            limits: {
              type: 'array',
              items: {
                type: 'object',
                required: ['type'],
                additionalProperties: false,
                properties: {
                  type: { type: 'string', enum: LIMIT_TYPES },
                  ...Object.fromEntries(AMOUNT_FIELDS.map((field) => [field, stringMap])),
                },
              },
            },
          },
        },
        response: responses({ 200: kubeObject }),
      },
    },
    async (request) => {
      const problems = new Problems();
      request.body.limits.forEach((limit, index) => {
        for (const field of AMOUNT_FIELDS) checkAmounts(problems, `limits[${index}].${field}`, limit[field]);
      });
      if (problems.list.length) throw new InvalidObjectError('the limit range', problems.list);
      const range = {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: request.body.name ?? 'limits', namespace: request.params.name },
        spec: { limits: request.body.limits },
      };
      return applyOwned(await client(request), range, LIMITS);
    },
  );
}
