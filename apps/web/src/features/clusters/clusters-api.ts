import type { ClusterList, ClusterListQuery } from '@portolan/api';
import { request } from '../../api/client.ts';

/** GET /api/v1/clusters with the server's filters, sort and paging (the query as @portolan/api names it). */
export function listClusters(query: ClusterListQuery): Promise<ClusterList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return request<ClusterList>('GET', `/api/v1/clusters${search ? `?${search}` : ''}`);
}
