import { type SearchQuery, searchQuery } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { visibleScopes } from '#server/iam/authorize.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { resolveClusters, type SearchParams, searchResourcesJson } from '#server/search/search-service.ts';
import { summarize } from '#server/search/summary-service.ts';
import type { Store } from '#server/store/store.ts';

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * Cross-cluster search and summaries, read from the store. Anyone who may read resources somewhere may
 * ask; the answer holds only the clusters and namespaces the caller may read (visibleScopes), and
 * clusters they cannot see are answered as if they did not exist.
 */
export function registerSearchRoutes(app: FastifyInstance, store: Store): void {
  const read = { permission: 'resources:read', scope: 'handler' } as const;

  app.get<{ Querystring: SearchQuery }>(
    '/api/v1/search',
    { config: read, schema: { querystring: searchQuery } },
    async (request, reply) => {
      const q = request.query;
      const params: SearchParams = { kinds: list(q.kinds) ?? [] };
      const clusters = list(q.clusters);
      if (clusters) params.clusters = clusters;
      if (q.clusterSelector) params.clusterSelector = q.clusterSelector;
      const namespaces = list(q.namespaces);
      if (namespaces) params.namespaces = namespaces;
      if (q.labelSelector) params.labelSelector = q.labelSelector;
      if (q.name) params.name = q.name;
      if (q.nameContains) params.nameContains = q.nameContains;
      if (q.owner) params.owner = q.owner;
      if (q.node) params.node = q.node;
      const phases = list(q.phase);
      if (phases) params.phases = phases;
      if (q.reason) params.reason = q.reason;
      if (q.sort) params.sort = q.sort;
      if (q.order) params.order = q.order;
      if (q.limit) params.limit = q.limit;
      if (q.continue) params.continue = q.continue;
      if (q.objects === false) params.withoutObjects = true;
      if (q.fields !== undefined) params.fields = q.fields;
      // Written as JSON text by the service (stored objects are not parsed to be serialized again).
      const body = await searchResourcesJson(store, params, visibleScopes(callerOf(request)));
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.get<{ Querystring: { clusters?: string; clusterSelector?: string } }>(
    '/api/v1/summary',
    {
      config: read,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { clusters: { type: 'string' }, clusterSelector: { type: 'string' } },
        },
      },
    },
    async (request) => {
      const visible = visibleScopes(callerOf(request));
      const { clusters, clusterSelector } = request.query;
      return summarize(
        store,
        await resolveClusters(store, list(clusters), clusterSelector, visible),
        visible,
      );
    },
  );
}
