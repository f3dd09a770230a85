import type { ClusterFreshness, SearchAnswer, SearchItem, SearchQuery } from '@portolan/api';
import type { ApiClient } from './api-client.ts';

export type { ClusterFreshness, SearchItem, SearchQuery };

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
    const page: SearchAnswer = await api.get('/api/v1/search', { ...query, limit: size, continue: next });
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
