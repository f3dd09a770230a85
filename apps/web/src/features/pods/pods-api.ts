import { ApiError, request } from '../../api/client.ts';
import type { Pod } from './pod-model.ts';
import { type PodPage, type PodQuery, searchParamsOf } from './pod-rows.ts';
import { searchInWorker } from './search-client.ts';

const enc = encodeURIComponent;

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
  /** One page of the list; the answer is read and reduced to rows off the main thread. */
  search: (query: PodQuery, signal?: AbortSignal): Promise<PodPage> =>
    searchInWorker(`/api/v1/search?${searchParamsOf(query)}`, signal),

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
