import type {
  MultiClusterServiceDocument,
  MultiClusterServiceList,
  MultiClusterServiceView,
  SearchAnswer,
} from '@portolan/api';
import { request } from '../../api/client.ts';

const enc = encodeURIComponent;
const one = (namespace: string, name: string) =>
  `/api/v1/multicluster-services/${enc(namespace)}/${enc(name)}`;

/** A Service some cluster runs: its namespace and name, and the clusters that have it. */
export interface ServiceChoice {
  namespace: string;
  name: string;
  clusters: string[];
}

/** Services across every cluster the caller may read, one entry per namespace and name (from the search API). */
async function serviceChoices(namespace: string | undefined, nameContains: string): Promise<ServiceChoice[]> {
  const params = new URLSearchParams({ kinds: 'Service', limit: '500', objects: 'false', sort: 'name' });
  if (namespace) params.set('namespaces', namespace);
  if (nameContains) params.set('nameContains', nameContains);
  const answer = await request<SearchAnswer>('GET', `/api/v1/search?${params}`);
  const byKey = new Map<string, ServiceChoice>();
  for (const item of answer.items) {
    const key = `${item.namespace}/${item.name}`;
    const entry = byKey.get(key) ?? { namespace: item.namespace ?? '', name: item.name, clusters: [] };
    if (!entry.clusters.includes(item.cluster)) entry.clusters.push(item.cluster);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** The multi-cluster Service routes (packages/api/src/propagations.ts); all public REST API. */
export const multiClusterServicesApi = {
  list: () => request<MultiClusterServiceList>('GET', '/api/v1/multicluster-services'),
  get: (namespace: string, name: string) => request<MultiClusterServiceView>('GET', one(namespace, name)),
  save: (document: MultiClusterServiceDocument) =>
    request<MultiClusterServiceView>(
      'PUT',
      one(document.metadata.namespace, document.metadata.name),
      document,
    ),
  remove: (namespace: string, name: string) => request<void>('DELETE', one(namespace, name)),
  serviceChoices,
};
