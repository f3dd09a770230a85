import {
  type StoredReleaseQuery,
  storedReleaseList,
  storedReleaseQuery,
  storedRevisionList,
} from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import {
  type LatestVersions,
  listReleases,
  listRevisions,
  type ReleaseListParams,
} from '#server/helm/release-list.ts';
import { visibleScopes } from '#server/iam/authorize.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { type Store, StoreError } from '#server/store/store.ts';
import { responses } from '../shared/route-schemas.ts';

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The query as the service reads it: lists split, absent fields left out. */
function paramsOf(q: StoredReleaseQuery): ReleaseListParams {
  const params: ReleaseListParams = {};
  const clusters = list(q.clusters);
  if (clusters?.length) params.clusters = clusters;
  const namespaces = list(q.namespaces);
  if (namespaces?.length) params.namespaces = namespaces;
  const statuses = list(q.status);
  if (statuses?.length) params.statuses = statuses;
  const charts = list(q.chart);
  if (charts?.length) params.charts = charts;
  if (q.q?.trim()) params.q = q.q.trim();
  if (q.outdated) params.outdated = true;
  if (q.sort) params.sort = q.sort;
  if (q.order) params.order = q.order;
  if (q.limit) params.limit = q.limit;
  if (q.continue) params.continue = q.continue;
  return params;
}

/**
 * Helm releases read from the store: one list across every cluster the caller may read, and the
 * revisions of one release (there even while its cluster is offline). Release metadata only; values
 * and manifests are read live by the Helm operation routes.
 */
export function registerReleaseListRoutes(app: FastifyInstance, store: Store, latest?: LatestVersions): void {
  app.get<{ Querystring: StoredReleaseQuery }>(
    '/api/v1/helm/releases',
    {
      // Filtered in the service to the clusters and namespaces the caller may read.
      config: { permission: 'resources:read', scope: 'handler' },
      schema: { querystring: storedReleaseQuery, response: responses({ 200: storedReleaseList }) },
    },
    async (request) => listReleases(store, visibleScopes(callerOf(request)), paramsOf(request.query), latest),
  );

  app.get<{ Params: { cluster: string; namespace: string; name: string } }>(
    '/api/v1/clusters/:cluster/helm/releases/:namespace/:name/revisions',
    {
      config: { permission: 'resources:read' },
      schema: { response: responses({ 200: storedRevisionList }) },
    },
    async (request) => {
      const { cluster: clusterName, namespace, name } = request.params;
      const cluster = await store.clusters.getByName(clusterName);
      if (!cluster)
        throw new StoreError(
          'not-found',
          `no cluster named "${clusterName}"; GET /api/v1/clusters lists them`,
        );
      const answer = await listRevisions(store, cluster, namespace, name);
      if (!answer.items.length)
        throw new StoreError(
          'not-found',
          `no Helm release "${name}" in namespace "${namespace}" of cluster "${clusterName}"; GET /api/v1/helm/releases lists them`,
        );
      return answer;
    },
  );
}
