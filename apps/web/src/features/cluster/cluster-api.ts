import {
  type Cluster,
  PEOPLE_PAGE_MAX,
  type SearchAnswer,
  type SyncAnswer,
  type WorkspaceList,
} from '@portolan/api';
import { request } from '../../api/client.ts';
import type { Summary } from '../../api/types.ts';

const enc = encodeURIComponent;
const at = (cluster: string) => `/api/v1/clusters/${enc(cluster)}`;

/** A Kubernetes object as routes answer it; only the fields the pages read are named. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [field: string]: unknown;
}

/** GET /api/v1/clusters/{name}/sync: the engine's state and each resource type's. */
export type { SyncAnswer } from '@portolan/api';

/** GET /api/v1/clusters/{name}/events: the cluster's health changes, newest last. */
export interface HealthEvent {
  clusterId: string;
  from: Cluster['status'];
  to: Cluster['status'];
  reason: string | null;
  reasonCode?: string | null;
  reasonParams?: Record<string, string | number> | null;
  at: string;
}

export interface TaintChanges {
  add?: { key: string; value?: string; effect: string }[];
  remove?: { key: string; effect?: string }[];
}

export interface LimitItem {
  type: 'Container' | 'Pod' | 'PersistentVolumeClaim';
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  max?: Record<string, string>;
  min?: Record<string, string>;
}

/** GET /api/v1/clusters/{cluster}/namespaces/{name}: read live from the cluster. */
export interface NamespaceView {
  namespace: KubeObject;
  phase: string;
  quotas: { name: string; hard: Record<string, string>; used: Record<string, string> }[];
  limitRanges: { name: string; limits: LimitItem[] }[];
}

export interface SearchParams {
  kinds: string;
  clusters?: string;
  namespaces?: string;
  name?: string;
  nameContains?: string;
  labelSelector?: string;
  phase?: string;
  /** An event's reason, exactly: the server finds every event with it. */
  reason?: string;
  sort?: 'name' | 'created' | 'namespace' | 'cluster';
  order?: 'asc' | 'desc';
  limit?: number;
  continue?: string;
  objects?: boolean;
}

function query(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  return search.toString();
}

/** The routes the cluster pages use, each as the public REST API documents it. */
export const clusterApi = {
  cluster: (name: string) => request<Cluster>('GET', at(name)),
  update: (
    name: string,
    body: { labels?: Record<string, string>; displayName?: string; description?: string },
  ) => request<Cluster>('PATCH', at(name), body),
  replaceKubeconfig: (name: string, body: { kubeconfig: string; context?: string }) =>
    request<Cluster>('PUT', `${at(name)}/kubeconfig`, body),
  probe: (name: string) => request<Cluster>('POST', `${at(name)}/probe`),
  summary: (name: string) => request<Summary>('GET', `/api/v1/summary?clusters=${enc(name)}`),
  sync: (name: string) => request<SyncAnswer>('GET', `${at(name)}/sync`),
  healthEvents: (name: string) => request<{ items: HealthEvent[] }>('GET', `${at(name)}/events`),
  search: (params: SearchParams) => request<SearchAnswer>('GET', `/api/v1/search?${query(params)}`),

  nodePods: (cluster: string, node: string, limit?: number, cursor?: string) =>
    request<SearchAnswer>(
      'GET',
      `${at(cluster)}/nodes/${enc(node)}/pods?${query({ limit, continue: cursor })}`,
    ),
  editNodeMap: (
    cluster: string,
    node: string,
    field: 'labels' | 'annotations',
    changes: Record<string, string | null>,
  ) => request<KubeObject>('PATCH', `${at(cluster)}/nodes/${enc(node)}/${field}`, changes),
  editTaints: (cluster: string, node: string, changes: TaintChanges) =>
    request<KubeObject>('PATCH', `${at(cluster)}/nodes/${enc(node)}/taints`, changes),
  cordon: (cluster: string, node: string, on: boolean) =>
    request<KubeObject>('POST', `${at(cluster)}/nodes/${enc(node)}/${on ? 'cordon' : 'uncordon'}`),

  namespace: (cluster: string, name: string) =>
    request<NamespaceView>('GET', `${at(cluster)}/namespaces/${enc(name)}`),
  setQuota: (cluster: string, name: string, body: { name?: string; hard: Record<string, string> }) =>
    request<KubeObject>('PUT', `${at(cluster)}/namespaces/${enc(name)}/quota`, body),
  setLimits: (cluster: string, name: string, body: { name?: string; limits: LimitItem[] }) =>
    request<KubeObject>('PUT', `${at(cluster)}/namespaces/${enc(name)}/limits`, body),

  /** Every workspace the caller may see, following the route's pages (1,000 a page). */
  allWorkspaces: async () => {
    const names: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page: WorkspaceList = await request<WorkspaceList>(
        'GET',
        `/api/v1/workspaces?${query({ limit: PEOPLE_PAGE_MAX, continue: cursor ?? undefined })}`,
      );
      names.push(...page.items.map((workspace) => workspace.name));
      cursor = page.continue;
    } while (cursor);
    return names;
  },
  bindNamespace: (workspace: string, cluster: string, namespace: string) =>
    request<void>('PUT', `/api/v1/workspaces/${enc(workspace)}/namespaces/${enc(cluster)}/${enc(namespace)}`),
  unbindNamespace: (workspace: string, cluster: string, namespace: string) =>
    request<void>(
      'DELETE',
      `/api/v1/workspaces/${enc(workspace)}/namespaces/${enc(cluster)}/${enc(namespace)}`,
    ),
  workspaceNamespaces: (workspace: string) =>
    request<{ items: { workspace: string; cluster: string; namespace: string }[] }>(
      'GET',
      `/api/v1/workspaces/${enc(workspace)}/namespaces`,
    ),
};
