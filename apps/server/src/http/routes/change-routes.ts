import type { FastifyInstance } from 'fastify';
import { visibleScopes } from '#server/iam/authorize.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { parseKinds } from '#server/search/collections.ts';
import { resolveClusters, withinOf } from '#server/search/search-service.ts';
import { parseLabelSelector } from '#server/store/labels.ts';
import type { Store } from '#server/store/store.ts';
import type { ChangeFilter, ChangeHub } from '#server/sync/change-hub.ts';

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * A stream of changes as server-sent events, filtered by cluster, kind, namespace and labels.
 * A client that reads too slowly is disconnected rather than buffered without bound.
 */
export function registerChangeRoutes(app: FastifyInstance, store: Store, changes: ChangeHub): void {
  app.get<{
    Querystring: {
      clusters?: string;
      clusterSelector?: string;
      kinds?: string;
      namespaces?: string;
      labelSelector?: string;
    };
  }>(
    '/api/v1/changes',
    {
      // Filtered below to the clusters and namespaces the caller may read.
      config: { permission: 'resources:read', scope: 'handler' },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            clusters: { type: 'string' },
            clusterSelector: { type: 'string' },
            kinds: { type: 'string' },
            namespaces: { type: 'string' },
            labelSelector: { type: 'string' },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const filter: ChangeFilter = {};
      const names = new Map<string, string>();
      const visible = visibleScopes(callerOf(request));
      if (q.clusters || q.clusterSelector) {
        const chosen = await resolveClusters(store, list(q.clusters), q.clusterSelector, visible);
        filter.clusterIds = chosen.map((cluster) => cluster.id);
      }
      const all = await store.clusters.list();
      for (const cluster of all) names.set(cluster.id, cluster.name);
      const within = withinOf(visible, all);
      if (within) filter.within = within;
      if (q.kinds)
        filter.resources = parseKinds(list(q.kinds) ?? []).map((t) =>
          t.group ? `${t.group}/${t.resource}` : t.resource,
        );
      const namespaces = list(q.namespaces);
      if (namespaces) filter.namespaces = namespaces;
      if (q.labelSelector) filter.labels = parseLabelSelector(q.labelSelector);

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      // A HEAD asks for the headers only: send them and end, rather than hold a stream open.
      if (request.method === 'HEAD') return void raw.end();
      raw.write(': connected\n\n');
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
      const unsubscribe = changes.subscribe(filter, (event) => {
        const { clusterId, ...rest } = event;
        const ok = raw.write(
          `event: ${event.type}\ndata: ${JSON.stringify({ cluster: names.get(clusterId) ?? clusterId, ...rest })}\n\n`,
        );
        if (!ok && raw.writableLength > 8 * 1024 * 1024) raw.destroy();
      });
      const stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      raw.on('close', stop);
      raw.on('error', stop);
    },
  );
}
