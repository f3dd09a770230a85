import type { ClusterFreshness, SearchAnswer } from '@portolan/api';
import { ApiError, request } from '../../api/client.ts';
import { type Pod, podStatusText, readyOf, restartsOf } from './pod-model.ts';

const enc = encodeURIComponent;

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

export function searchParamsOf(query: PodQuery): URLSearchParams {
  const params = new URLSearchParams({ kinds: 'pods', limit: String(query.limit) });
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

const podPath = (cluster: string, namespace: string, name: string) =>
  `/api/v1/clusters/${enc(cluster)}/pods/${enc(namespace)}/${enc(name)}`;

export interface PodEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  source?: { component?: string };
  reportingComponent?: string;
}

export interface PodOwner {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
  found?: boolean;
}

export interface LogOptions {
  container: string;
  tailLines?: number;
  previous?: boolean;
  timestamps?: boolean;
}

export function logParams(options: LogOptions, follow: boolean): URLSearchParams {
  const params = new URLSearchParams({ container: options.container });
  if (options.tailLines !== undefined) params.set('tailLines', String(options.tailLines));
  if (options.previous) params.set('previous', 'true');
  if (options.timestamps) params.set('timestamps', 'true');
  if (follow) params.set('follow', 'true');
  return params;
}

/** The routes the pods pages use; all public REST API. */
export const podsApi = {
  async search(query: PodQuery, signal?: AbortSignal): Promise<PodPage> {
    const answer = await request<SearchAnswer>('GET', `/api/v1/search?${searchParamsOf(query)}`, undefined, {
      fetch: (input, init) => globalThis.fetch(input, { ...init, ...(signal ? { signal } : {}) }),
      cookies: () => document.cookie,
    });
    return {
      rows: answer.items.map(rowOf),
      ...(answer.continue ? { continue: answer.continue } : {}),
      remaining: answer.remaining,
      estimated: answer.estimated,
      clusters: answer.clusters,
    };
  },
  pod: (cluster: string, namespace: string, name: string) =>
    request<Pod>(
      'GET',
      `/api/v1/clusters/${enc(cluster)}/resources/pods/${enc(name)}?namespace=${enc(namespace)}`,
    ),
  events: (cluster: string, namespace: string, name: string) =>
    request<{ items: PodEvent[] }>('GET', `${podPath(cluster, namespace, name)}/events`),
  owners: (cluster: string, namespace: string, name: string) =>
    request<{ owners: PodOwner[]; workload?: PodOwner }>(
      'GET',
      `${podPath(cluster, namespace, name)}/owners`,
    ),
  remove: (cluster: string, namespace: string, name: string) =>
    request<{ state: 'deleted' | 'deleting' }>('DELETE', podPath(cluster, namespace, name)),
  /** The log as text (not followed). */
  async logs(cluster: string, namespace: string, name: string, options: LogOptions): Promise<string> {
    const response = await fetch(`${podPath(cluster, namespace, name)}/logs?${logParams(options, false)}`, {
      credentials: 'same-origin',
    });
    if (!response.ok) throw await errorOf(response);
    return response.text();
  },
  /** A followed log: the response whose body streams new lines until `signal` aborts it. */
  async followLogs(
    cluster: string,
    namespace: string,
    name: string,
    options: LogOptions,
    signal: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>> {
    const response = await fetch(`${podPath(cluster, namespace, name)}/logs?${logParams(options, true)}`, {
      credentials: 'same-origin',
      signal,
    });
    if (!response.ok || !response.body) throw await errorOf(response);
    return response.body;
  },
  /** The exec WebSocket's address for a shell in `container`. */
  execUrl(cluster: string, namespace: string, name: string, container: string, command: string[]): string {
    const params = new URLSearchParams({ container, tty: 'true', stdin: 'true' });
    for (const part of command) params.append('command', part);
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}${podPath(cluster, namespace, name)}/exec?${params}`;
  },
};

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code: string; message: string } };
    if (body.error?.message) return new ApiError(response.status, body.error);
  } catch {
    // Not JSON: the status says enough.
  }
  return new ApiError(response.status, {
    code: `http-${response.status}`,
    message: text || response.statusText,
  });
}

/** The path of a pod's page in the console. */
export const podPagePath = (cluster: string, namespace: string, name: string) =>
  `/clusters/${enc(cluster)}/pods/${enc(namespace)}/${enc(name)}`;
