import type { ApiClient, Query } from './api-client.ts';

/** One row of /api/v1/search. */
export interface SearchItem {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  phase: string | null;
  nodeName: string | null;
  createdAt: string | null;
  object?: unknown;
}

/** Whether a cluster's part of the answer is current (the store may lag or have lost the cluster). */
export interface ClusterFreshness {
  name: string;
  status: 'fresh' | 'stale' | 'syncing' | 'failed';
  error: string | null;
  lastSeenAt: string | null;
  syncedAt: string | null;
}

interface SearchPage {
  items: SearchItem[];
  continue?: string;
  remaining: number;
  clusters: ClusterFreshness[];
}

export interface SearchQuery extends Query {
  kinds: string;
  clusters?: string;
  clusterSelector?: string;
  namespaces?: string;
  labelSelector?: string;
  name?: string;
  sort?: string;
}

const PAGE_SIZE = 500;

/** Every matching row, page after page, or the first `limit` of them. */
export async function searchAll(
  api: ApiClient,
  query: SearchQuery,
  limit?: number,
): Promise<{ items: SearchItem[]; clusters: ClusterFreshness[] }> {
  const items: SearchItem[] = [];
  let clusters: ClusterFreshness[] = [];
  let next: string | undefined;
  do {
    const size = limit === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - items.length);
    const page: SearchPage = await api.get('/api/v1/search', { ...query, limit: size, continue: next });
    items.push(...page.items);
    if (clusters.length === 0) clusters = page.clusters;
    next = page.continue;
  } while (next && (limit === undefined || items.length < limit));
  return { items, clusters };
}

/** A warning line for each cluster whose rows may be out of date or missing. */
export function freshnessWarnings(clusters: ClusterFreshness[]): string[] {
  const warnings: string[] = [];
  for (const cluster of clusters) {
    const since = cluster.syncedAt ?? cluster.lastSeenAt;
    const when = since ? ` (data from ${since})` : '';
    if (cluster.status === 'stale' || cluster.status === 'failed') {
      warnings.push(
        `warning: cluster "${cluster.name}" is ${cluster.status}${when}: ${cluster.error ?? 'no detail'}`,
      );
    } else if (cluster.status === 'syncing') {
      warnings.push(
        `warning: cluster "${cluster.name}" is still syncing; its part of the list may be incomplete`,
      );
    }
  }
  return warnings;
}
