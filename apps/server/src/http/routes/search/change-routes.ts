import type { FastifyInstance } from 'fastify';
import type { AccessProblem } from '#server/iam/access-watch.ts';
import { visibleScopes } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { parseKinds } from '#server/search/collections.ts';
import { resolveClusters, SearchError, withinOf } from '#server/search/search-service.ts';
import { parseLabelSelector } from '#server/store/resources/labels.ts';
import type { Store } from '#server/store/store.ts';
import type { ChangeFilter, ChangeHub, ResourceChangeEvent } from '#server/sync/change-hub.ts';
import type { LiveAnswers } from '../../live-answers.ts';

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

interface ChangeQuery {
  clusters?: string;
  clusterSelector?: string;
  kinds?: string;
  namespaces?: string;
  labelSelector?: string;
}

/** The filter for what the caller asked and may see now, and the clusters' names by id. */
async function filterFor(store: Store, caller: Caller, q: ChangeQuery) {
  const filter: ChangeFilter = {};
  const names = new Map<string, string>();
  const visible = visibleScopes(caller);
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
  return { filter, names };
}

/** The last event of a stream its caller may no longer read: why it ends (EventSource reconnects, then gets 401 or 403). */
const endEvent = (problem: AccessProblem) => `event: ended\ndata: ${JSON.stringify({ error: problem })}\n\n`;

/**
 * A stream of changes as server-sent events, filtered by cluster, kind, namespace and labels.
 * A client that reads too slowly is disconnected rather than buffered without bound. The stream
 * follows the caller's access: it is filtered again when a binding changes, and ends when the
 * credential stops counting or the caller may read nothing any more.
 */
export function registerChangeRoutes(
  app: FastifyInstance,
  store: Store,
  changes: ChangeHub,
  live: LiveAnswers,
): void {
  app.get<{ Querystring: ChangeQuery }>(
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
      let { filter, names } = await filterFor(store, callerOf(request), request.query);
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
      const send = (event: ResourceChangeEvent) => {
        const { clusterId, ...rest } = event;
        const ok = raw.write(
          `event: ${event.type}\ndata: ${JSON.stringify({ cluster: names.get(clusterId) ?? clusterId, ...rest })}\n\n`,
        );
        if (!ok && raw.writableLength > 8 * 1024 * 1024) raw.destroy();
      };
      let unsubscribe = changes.subscribe(filter, send);
      const forget = live.keep(request, reply, {
        end(problem) {
          unsubscribe();
          raw.end(endEvent(problem));
        },
        async refresh(caller) {
          let next: Awaited<ReturnType<typeof filterFor>>;
          try {
            next = await filterFor(store, caller, request.query);
          } catch (error) {
            // A cluster it named is out of its sight now.
            if (error instanceof SearchError) return { code: 'forbidden', message: error.message };
            throw error;
          }
          if (raw.destroyed || raw.writableEnded) return undefined;
          ({ filter, names } = next);
          // Swapped in one step, so no event falls between the two subscriptions.
          unsubscribe();
          unsubscribe = changes.subscribe(filter, send);
          return undefined;
        },
      });
      const stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
        forget();
      };
      raw.on('close', stop);
      raw.on('error', stop);
    },
  );
}
