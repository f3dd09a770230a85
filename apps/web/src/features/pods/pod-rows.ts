import type { ClusterFreshness, SearchAnswer } from '@portolan/api';
import { type Pod, podStatusText, readyOf, restartsOf } from './pod-model.ts';

// The pods list's query and rows. No browser globals here: the search worker imports it too.

/** The filters and order of the pods list, as GET /api/v1/search takes them. */
export interface PodQuery {
  clusters?: string[];
  namespaces?: string;
  nameContains?: string;
  node?: string;
  phase?: string[];
  labelSelector?: string;
  sort?: 'name' | 'created' | 'namespace' | 'cluster';
  order?: 'asc' | 'desc';
  limit: number;
  continue?: string;
}

/** One pod as the list shows it: a few fields derived once per page, not the whole object. */
export interface PodRow {
  key: string;
  cluster: string;
  namespace: string;
  name: string;
  status: string;
  ready: number;
  total: number;
  restarts: number;
  lastRestartAt?: string;
  node: string | null;
  createdAt: string | null;
}

export interface PodPage {
  rows: PodRow[];
  continue?: string;
  remaining: number;
  estimated: boolean;
  clusters: ClusterFreshness[];
}

/**
 * The parts of each pod the rows are made of (podStatusText, readyOf, restartsOf): asked of the search
 * with `fields`, a page of 1,000 pods is a small part of the whole objects' megabytes. Containers'
 * names only, to count them; a status's `state` is small and every word of it may be shown.
 */
export const POD_ROW_FIELDS = [
  'metadata.name',
  'metadata.deletionTimestamp',
  'spec.containers.name',
  'spec.initContainers.name',
  'status.phase',
  'status.reason',
  'status.initContainerStatuses.state',
  'status.containerStatuses.ready',
  'status.containerStatuses.restartCount',
  'status.containerStatuses.state',
  'status.containerStatuses.lastState.terminated.finishedAt',
].join(',');

export function searchParamsOf(query: PodQuery): URLSearchParams {
  const params = new URLSearchParams({ kinds: 'pods', limit: String(query.limit), fields: POD_ROW_FIELDS });
  if (query.clusters?.length) params.set('clusters', query.clusters.join(','));
  if (query.namespaces?.trim()) params.set('namespaces', query.namespaces.trim());
  if (query.nameContains?.trim()) params.set('nameContains', query.nameContains.trim());
  if (query.node?.trim()) params.set('node', query.node.trim());
  if (query.phase?.length) params.set('phase', query.phase.join(','));
  if (query.labelSelector?.trim()) params.set('labelSelector', query.labelSelector.trim());
  if (query.sort) params.set('sort', query.sort);
  if (query.order) params.set('order', query.order);
  if (query.continue) params.set('continue', query.continue);
  return params;
}

export function rowOf(item: SearchAnswer['items'][number]): PodRow {
  const pod = (item.object ?? { metadata: { name: item.name } }) as Pod;
  const { ready, total } = readyOf(pod);
  const restarts = restartsOf(pod);
  return {
    key: `${item.cluster}/${item.namespace}/${item.name}`,
    cluster: item.cluster,
    namespace: item.namespace,
    name: item.name,
    status: podStatusText(pod),
    ready,
    total,
    restarts: restarts.count,
    ...(restarts.lastAt ? { lastRestartAt: restarts.lastAt } : {}),
    node: item.nodeName,
    createdAt: item.createdAt,
  };
}

/** One page of the list from the text of a search answer; the whole objects are dropped here. */
export function pageOf(answer: SearchAnswer): PodPage {
  return {
    rows: answer.items.map(rowOf),
    ...(answer.continue ? { continue: answer.continue } : {}),
    remaining: answer.remaining,
    estimated: answer.estimated,
    clusters: answer.clusters,
  };
}
