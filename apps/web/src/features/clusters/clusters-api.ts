import type {
  Cluster,
  ClusterList,
  ClusterListQuery,
  ConnectionFacts,
  KubeconfigCheckBody,
} from '@portolan/api';
import { request } from '../../api/client.ts';
import type { RegisterCluster } from '../../api/types.ts';

/** GET /api/v1/clusters with the server's filters, sort and paging (the query as @portolan/api names it). */
export function listClusters(query: ClusterListQuery): Promise<ClusterList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return request<ClusterList>('GET', `/api/v1/clusters${search ? `?${search}` : ''}`);
}

/** POST /api/v1/kubeconfig/check: registration's connection check, with nothing saved. */
export function testKubeconfig(body: KubeconfigCheckBody): Promise<ConnectionFacts> {
  return request<ConnectionFacts>('POST', '/api/v1/kubeconfig/check', body);
}

export type MissingPermission = ConnectionFacts['missingPermissions'][number];

/** POST /api/v1/clusters; the answer names what sync may not do as the check does. */
export function registerCluster(
  body: RegisterCluster,
): Promise<Cluster & { missingPermissions?: MissingPermission[] }> {
  return request('POST', '/api/v1/clusters', body);
}

/** A resource type as kubectl names it: `deployments.apps`, or `pods` in the core group. */
export const resourceName = (entry: MissingPermission) =>
  entry.group ? `${entry.resource}.${entry.group}` : entry.resource;
