import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ClusterAccess } from '#server/clusters/cluster-access.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { ownerChain } from '#server/pods/owner-chain.ts';
import { podEvents } from '#server/pods/pod-events.ts';
import { followLogs, type LogOptions, readLogs } from '#server/pods/pod-logs.ts';
import { deleteResource } from '#server/resources/resource-service.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import type { LiveAnswers } from '../../live-answers.ts';
import { anyObject, dryRun, kubeObject, pathParams, query, responses } from '../shared/route-schemas.ts';

const podParams = pathParams('namespace', 'name');
const podPath = '/api/v1/clusters/:cluster/pods/:namespace/:name';

const logQuery = query({
  container: { type: 'string', description: 'required when the pod has several containers' },
  tailLines: { type: 'integer', minimum: 0 },
  sinceSeconds: { type: 'integer', minimum: 1 },
  previous: { type: 'boolean', description: 'the previous instance of a restarted container' },
  timestamps: { type: 'boolean' },
  limitBytes: { type: 'integer', minimum: 1 },
  follow: {
    type: 'boolean',
    description: 'stream new lines as they come (chunked) until the client disconnects',
  },
});

const owner = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    uid: { type: 'string' },
    found: { type: 'boolean' },
  },
} as const;

/** A pod's logs (also followed), events, owners up to its workload, and delete. */
export function registerPodRoutes(
  app: FastifyInstance,
  targets: ResourceTargets,
  access: ClusterAccess,
  live: LiveAnswers,
): void {
  const read = { permission: 'resources:read' } as const;
  const tags = ['pods'];
  type Pod = { Params: { cluster: string; namespace: string; name: string } };
  // Followed logs last until the client leaves; a server shutting down ends them itself.
  const following = new Set<ServerResponse>();
  app.addHook('onClose', async () => {
    for (const response of following) response.destroy();
  });

  app.get<Pod & { Querystring: LogOptions & { follow?: boolean } }>(
    `${podPath}/logs`,
    {
      config: read,
      schema: {
        tags,
        summary:
          'A container’s log as text; with follow, a stream that lasts until the client leaves or loses access',
        params: podParams,
        querystring: logQuery,
        response: responses({
          200: { content: { 'text/plain': { schema: { type: 'string' } } }, description: 'the log lines' },
        }),
      },
    },
    async (request, reply) => {
      const { cluster, namespace, name } = request.params;
      const { follow, ...options } = request.query;
      if (!follow) {
        const text = await readLogs(
          (await targets.of(cluster, callerOf(request))).client,
          { namespace, name },
          options,
        );
        return reply.type('text/plain; charset=utf-8').send(text);
      }
      const connection = await access.connectionFor(cluster, callerOf(request));
      const abort = new AbortController();
      // The response closing before it ended is the client leaving; the cluster's stream ends with it.
      const raw = reply.raw;
      raw.once('close', () => abort.abort());
      following.add(raw);
      raw.once('close', () => following.delete(raw));
      const stream = await followLogs(connection, { namespace, name }, options, abort.signal);
      if (abort.signal.aborted) return void stream.destroy();
      abort.signal.addEventListener('abort', () => stream.destroy(), { once: true });
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      raw.flushHeaders();
      stream.pipe(raw);
      stream.once('error', () => raw.destroy());
      // Cut off (not ended cleanly) when the caller loses access, so a client does not take it for the log's end.
      const forget = live.keep(request, reply, { end: () => raw.destroy() });
      raw.once('close', forget);
    },
  );

  app.get<Pod>(
    `${podPath}/events`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The pod’s events, oldest first',
        params: podParams,
        response: responses({
          200: { type: 'object', properties: { items: { type: 'array', items: anyObject } } },
        }),
      },
    },
    async (request) => {
      const { cluster, namespace, name } = request.params;
      return {
        items: await podEvents((await targets.of(cluster, callerOf(request))).client, { namespace, name }),
      };
    },
  );

  app.get<Pod>(
    `${podPath}/owners`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The owner chain up to the workload: ReplicaSet → Deployment, Job → CronJob',
        params: podParams,
        response: responses({
          200: { type: 'object', properties: { owners: { type: 'array', items: owner }, workload: owner } },
        }),
      },
    },
    async (request) => {
      const { cluster, namespace, name } = request.params;
      return ownerChain(await targets.of(cluster, callerOf(request)), { namespace, name });
    },
  );

  app.delete<Pod & { Querystring: { gracePeriodSeconds?: number; dryRun?: boolean } }>(
    podPath,
    {
      config: { permission: 'resources:write' },
      schema: {
        tags,
        summary: 'Delete a pod (its controller, if any, makes a new one)',
        params: podParams,
        querystring: query({ gracePeriodSeconds: { type: 'integer', minimum: 0 }, dryRun }),
        response: responses({
          200: {
            type: 'object',
            properties: { state: { type: 'string', enum: ['deleted', 'deleting'] }, object: kubeObject },
          },
        }),
      },
    },
    async (request) => {
      const { cluster, namespace, name } = request.params;
      return deleteResource(
        await targets.of(cluster, callerOf(request)),
        { kind: 'pods', namespace, name },
        request.query,
      );
    },
  );
}
