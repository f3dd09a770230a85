import { drainBody, drainEvent, drainReport } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { visibleScopes } from '#server/iam/authorize.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { type DrainSettings, planNodeDrain, runDrain } from '#server/nodes/node-drain.ts';
import { cordonNode, editNodeMap, type MapChanges, uncordonNode } from '#server/nodes/node-edits.ts';
import { editTaints, TAINT_EFFECTS, type TaintChanges } from '#server/nodes/node-taints.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import { searchResources } from '#server/search/search-service.ts';
import type { Store } from '#server/store/store.ts';
import { requestClient } from '../shared/request-client.ts';
import { anyObject, kubeObject, pathParams, query, responses } from '../shared/route-schemas.ts';
import { drainStream, NDJSON } from './drain-stream.ts';

const nodeParams = pathParams('name');
const nodePath = '/api/v1/clusters/:cluster/nodes/:name';
const changes = {
  type: 'object',
  description: 'a value sets the key; null removes it',
  additionalProperties: { type: ['string', 'null'] },
} as const;
const effect = { type: 'string', enum: TAINT_EFFECTS } as const;

/** Node labels, annotations and taints; cordon, uncordon and drain; the pods on a node. */
export function registerNodeRoutes(app: FastifyInstance, targets: ResourceTargets, store: Store): void {
  // Nodes are the cluster's own machinery: labels, taints, cordon and drain are a cluster Admin's.
  const write = { permission: 'clusters:write' } as const;
  const tags = ['nodes'];
  type Node = { Params: { cluster: string; name: string } };
  const client = requestClient(targets);

  for (const field of ['labels', 'annotations'] as const) {
    app.patch<Node & { Body: MapChanges }>(
      `${nodePath}/${field}`,
      {
        config: write,
        schema: {
          tags,
          summary: `Set and remove the node's ${field} (checked; 422 names each one at fault)`,
          params: nodeParams,
          body: changes,
          response: responses({ 200: kubeObject }),
        },
      },
      async (request) => editNodeMap(await client(request), request.params.name, field, request.body),
    );
  }

  app.patch<Node & { Body: TaintChanges }>(
    `${nodePath}/taints`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Add and remove taints, as `kubectl taint`',
        params: nodeParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            add: {
              type: 'array',
              items: {
                type: 'object',
                required: ['key', 'effect'],
                additionalProperties: false,
                properties: { key: { type: 'string' }, value: { type: 'string' }, effect },
              },
            },
            remove: {
              type: 'array',
              items: {
                type: 'object',
                required: ['key'],
                additionalProperties: false,
                properties: { key: { type: 'string' }, effect },
              },
            },
          },
        },
        response: responses({ 200: kubeObject }),
      },
    },
    async (request) => editTaints(await client(request), request.params.name, request.body),
  );

  for (const [action, run, summary] of [
    ['cordon', cordonNode, 'Mark the node unschedulable; running pods stay'],
    ['uncordon', uncordonNode, 'Let pods be scheduled on the node again'],
  ] as const) {
    app.post<Node>(
      `${nodePath}/${action}`,
      {
        config: write,
        schema: { tags, summary, params: nodeParams, response: responses({ 200: kubeObject }) },
      },
      async (request) => run(await client(request), request.params.name),
    );
  }

  app.post<Node & { Body: DrainSettings }>(
    `${nodePath}/drain`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Cordon, then evict every pod through the Eviction API, respecting PodDisruptionBudgets',
        description:
          'DaemonSet and mirror pods stay. Evictions a PodDisruptionBudget refuses are retried until ' +
          '`timeoutSeconds`, then reported as blocked. The JSON answer is each pod’s outcome at the end. ' +
          'With `Accept: application/x-ndjson` the answer is a stream of JSON lines as the drain goes: the ' +
          'plan, each pod’s change of state (evicting, with the reason while a budget refuses; evicted; ' +
          'deleted; blocked; failed), then the summary. Closing the stream stops the drain: no pod is ' +
          'evicted after.',
        params: nodeParams,
        body: drainBody,
        response: responses({
          200: {
            description: 'the summary; or, asked for, the progress lines',
            content: {
              'application/json': { schema: drainReport },
              'application/x-ndjson': { schema: drainEvent },
            },
          },
        }),
      },
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const kube = await client(request);
      const { name } = request.params;
      const plans = await planNodeDrain(kube, name, request.body);
      if (!request.headers.accept?.includes(NDJSON)) return runDrain(kube, name, plans, request.body);
      return reply
        .type(`${NDJSON}; charset=utf-8`)
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(drainStream(reply.raw, (run) => runDrain(kube, name, plans, request.body, run)));
    },
  );

  app.get<Node & { Querystring: { limit?: number; continue?: string } }>(
    `${nodePath}/pods`,
    {
      config: { permission: 'resources:read' },
      schema: {
        tags,
        summary: 'The pods on the node, from the store (as search answers)',
        params: nodeParams,
        querystring: query({
          limit: { type: 'integer', minimum: 1, maximum: 1000 },
          continue: { type: 'string' },
        }),
        response: responses({
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: anyObject },
              continue: { type: 'string' },
              remaining: { type: 'integer' },
              estimated: { type: 'boolean' },
              clusters: { type: 'array', items: anyObject },
            },
          },
        }),
      },
    },
    async (request) => {
      await targets.of(request.params.cluster, callerOf(request));
      return searchResources(
        store,
        {
          kinds: ['pods'],
          clusters: [request.params.cluster],
          node: request.params.name,
          ...(request.query.limit ? { limit: request.query.limit } : {}),
          ...(request.query.continue ? { continue: request.query.continue } : {}),
        },
        visibleScopes(callerOf(request)),
      );
    },
  );
}
