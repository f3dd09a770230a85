import http from 'node:http';
import https from 'node:https';
import { discoverResources } from './discovery.ts';
import type {
  KubeClient,
  KubeQuery,
  KubeRequest,
  KubeResponse,
  ListOptions,
  ListPage,
  WatchEvent,
  WatchOptions,
} from './kube-client.ts';
import { headersWith, type KubeConnection, type RequestCredentials } from './kube-connection.ts';
import { classifyConnectionError } from './kube-connection-errors.ts';
import { kubeErrorFromResponse } from './kube-errors.ts';
import { authorizationHeadersOf, tlsOptionsOf } from './kube-tls.ts';
import { createTunnelAgent, parseProxyUrl } from './proxy-tunnel.ts';
import { type RequestDeadline, startDeadline } from './request-deadline.ts';
import { createLineSplitter, parseWatchEvent } from './watch-stream.ts';

export interface KubeClientOptions {
  /**
   * The longest a request may take, from getting credentials to the last byte of the answer
   * (default 30 s); a request's own timeoutMs replaces it. Watches are bounded until they stream.
   */
  timeoutMs?: number;
  /** The time left of a budget over many requests (a connection check's); no request outlives it. */
  remainingMs?: () => number;
  userAgent?: string;
  /** Default page size of list helpers. */
  pageSize?: number;
}

interface ListBody<T> {
  items?: T[];
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
}

const isAbort = (error: unknown, signal?: AbortSignal) =>
  signal?.aborted === true || (error as { name?: string })?.name === 'AbortError';

function buildQuery(query: KubeQuery | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readBody(response: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (/json/.test(response.headers['content-type'] ?? '') && text) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** A KubeClient on node:https with one keep-alive agent for this cluster. */
export function createKubeClient(connection: KubeConnection, options: KubeClientOptions = {}): KubeClient {
  const base = new URL(connection.server);
  const secure = base.protocol === 'https:';
  const prefix = base.pathname.replace(/\/+$/, '');
  const server = connection.server;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pageSize = options.pageSize ?? 500;
  // Idle pooled sockets close after 30 s, so a reuse rarely races the server closing them.
  const agentOptions: https.AgentOptions = {
    keepAlive: true,
    keepAliveMsecs: 30_000,
    scheduling: 'lifo',
    timeout: 30_000,
  };
  // The agent pools sockets by TLS options too, so a client certificate renewed by an exec
  // plugin simply opens new connections.
  const agent = connection.proxyUrl
    ? createTunnelAgent(parseProxyUrl(connection.proxyUrl), secure, agentOptions)
    : secure
      ? new https.Agent(agentOptions)
      : new http.Agent(agentOptions);

  /** A client whose requests carry `extra` headers too; impersonation replaces the kubeconfig's own. */
  const build = (extra: Record<string, string | string[]> | undefined): KubeClient => {
    const baseHeaders = headersWith(connection.headers, extra);

    function open(
      request: KubeRequest,
      credentials: RequestCredentials,
      deadline: RequestDeadline,
      idleMs: number | undefined,
    ): Promise<http.IncomingMessage> {
      const method = (request.method ?? 'GET').toUpperCase();
      const payload =
        request.body === undefined
          ? undefined
          : typeof request.body === 'string' || Buffer.isBuffer(request.body)
            ? request.body
            : JSON.stringify(request.body);
      const headers: http.OutgoingHttpHeaders = {
        accept: request.accept ?? 'application/json',
        'user-agent': options.userAgent ?? 'portolan',
        ...baseHeaders,
        ...request.headers,
      };
      if (payload !== undefined) {
        headers['content-type'] = request.contentType ?? 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      Object.assign(headers, authorizationHeadersOf(credentials));
      const requestOptions: https.RequestOptions = {
        protocol: base.protocol,
        hostname: base.hostname.replace(/^\[|\]$/g, ''),
        port: base.port || (secure ? 443 : 80),
        path: `${prefix}${request.path}${buildQuery(request.query)}`,
        method,
        headers,
        agent,
        // Only watches have an idle limit; every other request is bounded by its deadline.
        ...(idleMs !== undefined ? { timeout: idleMs } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(secure ? tlsOptionsOf(connection, credentials) : {}),
      };
      const idempotent = method === 'GET' || method === 'HEAD';
      const attempt = (retried: boolean): Promise<http.IncomingMessage> =>
        new Promise((resolve, reject) => {
          let outgoing: http.ClientRequest;
          try {
            outgoing = (secure ? https : http).request(requestOptions, resolve);
          } catch (error) {
            // node checks headers and TLS material before sending: a bad value is the caller's input.
            reject(classifyConnectionError(error, server));
            return;
          }
          deadline.enter(connection.proxyUrl ? 'proxy' : 'connect');
          deadline.track(outgoing, secure);
          deadline.onExpire((error) => {
            // A request still waiting for its socket (a proxy tunnel) reports no error until the
            // socket comes, so the answer is given here.
            outgoing.destroy(error);
            reject(error);
          });
          outgoing.once('socket', (socket) => socket.setKeepAlive(true, 30_000));
          if (idleMs !== undefined) {
            outgoing.once('timeout', () =>
              outgoing.destroy(
                Object.assign(new Error(`no answer within ${idleMs} ms`), { code: 'ETIMEDOUT' }),
              ),
            );
          }
          outgoing.once('error', (error) => {
            // A kept-alive socket that the server closed just as it was reused: try a fresh one.
            const reset = (error as { code?: string }).code === 'ECONNRESET' && outgoing.reusedSocket;
            if (reset && idempotent && !retried) return resolve(attempt(true));
            reject(isAbort(error, request.signal) ? error : classifyConnectionError(error, server));
          });
          outgoing.end(payload);
        });
      return attempt(false);
    }

    /** Sends once, and once more with fresh credentials after a 401 (an exec token may have expired). */
    async function openAuthenticated(request: KubeRequest, deadline: RequestDeadline, idleMs?: number) {
      deadline.enter('credentials');
      const credentials = await deadline.race(connection.credentials.get(request.signal));
      const response = await open(request, credentials, deadline, idleMs);
      if (response.statusCode !== 401 || !connection.credentials.invalidate) return response;
      response.resume();
      connection.credentials.invalidate();
      deadline.enter('credentials');
      const fresh = await deadline.race(connection.credentials.get(request.signal));
      return open(request, fresh, deadline, idleMs);
    }

    /** The deadline of one request: its own timeout, or the default, within the client's budget. */
    const deadlineOf = (request: KubeRequest) =>
      startDeadline(
        Math.min(request.timeoutMs ?? timeoutMs, options.remainingMs?.() ?? Number.POSITIVE_INFINITY),
        server,
        'credentials',
      );

    async function request<T>(request: KubeRequest): Promise<KubeResponse<T>> {
      const deadline = deadlineOf(request);
      try {
        const response = await openAuthenticated(request, deadline);
        deadline.enter('body');
        deadline.onExpire((error) => response.destroy(error));
        let body: unknown;
        try {
          body = await readBody(response);
        } catch (error) {
          throw isAbort(error, request.signal) ? error : classifyConnectionError(error, server);
        }
        return { status: response.statusCode ?? 0, headers: response.headers, body: body as T };
      } finally {
        deadline.clear();
      }
    }

    async function get<T>(path: string, query?: KubeQuery, signal?: AbortSignal): Promise<T> {
      const response = await request<T>({ path, ...(query ? { query } : {}), ...(signal ? { signal } : {}) });
      if (response.status < 200 || response.status >= 300) {
        throw kubeErrorFromResponse(response.status, response.body, { method: 'GET', path, server });
      }
      return response.body;
    }

    async function* listPages<T>(path: string, list: ListOptions = {}): AsyncGenerator<ListPage<T>> {
      let token: string | undefined;
      do {
        // A continued list is pinned to its first page's snapshot; the server refuses a
        // resourceVersion next to a continue token.
        const query: KubeQuery = {
          limit: list.limit ?? pageSize,
          labelSelector: list.labelSelector,
          fieldSelector: list.fieldSelector,
          ...(token
            ? { continue: token }
            : { resourceVersion: list.resourceVersion, resourceVersionMatch: list.resourceVersionMatch }),
        };
        const body = await get<ListBody<T>>(path, query, list.signal);
        token = body.metadata?.continue || undefined;
        yield {
          items: body.items ?? [],
          resourceVersion: body.metadata?.resourceVersion ?? '',
          ...(token ? { continue: token } : {}),
          ...(body.metadata?.remainingItemCount !== undefined
            ? { remainingItemCount: body.metadata.remainingItemCount }
            : {}),
        };
      } while (token);
    }

    async function* watch<T>(path: string, watchOptions: WatchOptions = {}): AsyncGenerator<WatchEvent<T>> {
      const { signal } = watchOptions;
      const query: KubeQuery = {
        watch: 'true',
        resourceVersion: watchOptions.resourceVersion,
        allowWatchBookmarks: watchOptions.allowWatchBookmarks || watchOptions.sendInitialEvents || undefined,
        timeoutSeconds: watchOptions.timeoutSeconds,
        labelSelector: watchOptions.labelSelector,
        fieldSelector: watchOptions.fieldSelector,
        ...(watchOptions.sendInitialEvents
          ? { sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan' }
          : {}),
      };
      // A watch may stay silent until the server ends it; only a silence longer than that is a failure.
      const idleMs = watchOptions.timeoutSeconds ? (watchOptions.timeoutSeconds + 60) * 1000 : 0;
      let response: http.IncomingMessage;
      // The deadline covers opening the watch; once it streams, only the idle limit applies.
      const request: KubeRequest = { path, query, ...(signal ? { signal } : {}) };
      const deadline = deadlineOf(request);
      try {
        response = await openAuthenticated(request, deadline, idleMs);
      } catch (error) {
        if (isAbort(error, signal)) return;
        throw error;
      } finally {
        deadline.clear();
      }
      try {
        if (response.statusCode !== 200) {
          const body = await readBody(response);
          throw kubeErrorFromResponse(response.statusCode ?? 0, body, { method: 'WATCH', path, server });
        }
        const splitter = createLineSplitter();
        for await (const chunk of response) {
          for (const line of splitter.push(chunk as Buffer)) yield parseWatchEvent<T>(line);
        }
        for (const line of splitter.end()) yield parseWatchEvent<T>(line);
      } catch (error) {
        if (isAbort(error, signal)) return;
        // Socket failures carry a system code; our own KubeError and parse errors pass through.
        if (typeof (error as { code?: unknown }).code === 'string')
          throw classifyConnectionError(error, server);
        throw error;
      } finally {
        response.destroy();
      }
    }

    return {
      server,
      trust: { ca: connection.ca, insecureSkipTlsVerify: connection.insecureSkipTlsVerify },
      request,
      get,
      listPages,
      async list<T>(path: string, list: ListOptions = {}) {
        const items: T[] = [];
        let resourceVersion = '';
        for await (const page of listPages<T>(path, list)) {
          items.push(...page.items);
          resourceVersion = page.resourceVersion;
        }
        return { items, resourceVersion };
      },
      watch,
      discover: (discoverOptions) => discoverResources(request, server, discoverOptions),
      withHeaders: (headers) => build({ ...extra, ...headers }),
      // Views made by withHeaders share the agent; only the first client closes it.
      close: () => {
        if (!extra) agent.destroy();
      },
    };
  };
  return build(undefined);
}
