import type { IncomingHttpHeaders } from 'node:http';
import type { Discovery } from './discovery-types.ts';

/** Query parameters; undefined values are left out. */
export type KubeQuery = Record<string, string | number | boolean | undefined>;

export interface KubeRequest {
  method?: string;
  /** Path below the server URL, e.g. `/api/v1/namespaces/default/pods`. */
  path: string;
  query?: KubeQuery;
  /** Objects are sent as JSON; strings and buffers as they are. */
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** Extra headers, e.g. Impersonate-User. */
  headers?: Record<string, string | string[]>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface KubeResponse<T = unknown> {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the server answered JSON, otherwise the text. */
  body: T;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size; the helpers follow `continue` tokens until the list is complete. */
  limit?: number;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  signal?: AbortSignal;
}

export interface ListPage<T> {
  items: T[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface WatchOptions {
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  labelSelector?: string;
  fieldSelector?: string;
  /** Watch-list: the server first sends the current objects as ADDED, then a BOOKMARK. */
  sendInitialEvents?: boolean;
  /** Aborting ends the iteration quietly. */
  signal?: AbortSignal;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** For ERROR the object is a Kubernetes Status (e.g. code 410 when the resourceVersion is too old). */
export interface WatchEvent<T = Record<string, unknown>> {
  type: WatchEventType;
  object: T;
}

/** One member cluster's API server. Errors are KubeError (an answer) or KubeConnectionError (no answer). */
export interface KubeClient {
  /** The server URL, for messages. */
  readonly server: string;
  /**
   * What the client trusts in a server certificate (the kubeconfig's CA; not a credential), for the
   * few endpoints dialled beside the API server, such as a sandbox node's kubelet on loopback.
   */
  readonly trust?: { ca?: string; insecureSkipTlsVerify?: boolean };
  /** Any request; answers of every status are returned, not thrown. */
  request<T = unknown>(request: KubeRequest): Promise<KubeResponse<T>>;
  /** GET that throws KubeError unless the answer is 2xx. */
  get<T = unknown>(path: string, query?: KubeQuery, signal?: AbortSignal): Promise<T>;
  /** A list, page by page (`limit` + `continue`). */
  listPages<T = Record<string, unknown>>(path: string, options?: ListOptions): AsyncIterable<ListPage<T>>;
  /** The whole list, and the resourceVersion to watch from. */
  list<T = Record<string, unknown>>(
    path: string,
    options?: ListOptions,
  ): Promise<{ items: T[]; resourceVersion: string }>;
  /** Watch events as they arrive; ends when the server closes the watch or the signal aborts. */
  watch<T = Record<string, unknown>>(path: string, options?: WatchOptions): AsyncIterable<WatchEvent<T>>;
  /** Every resource the server serves. */
  discover(options?: { aggregated?: boolean; signal?: AbortSignal }): Promise<Discovery>;
  /**
   * The same client (same connections) sending these headers on every request too, for example
   * Impersonate-User and Impersonate-Group to act as a Portolan user. Impersonation headers replace
   * any the kubeconfig set.
   */
  withHeaders(headers: Record<string, string | string[]>): KubeClient;
  /** Closes kept-alive connections. */
  close(): void;
}
