/**
 * A fake of Portolan's own KubeClient interface (kube/kube-client.ts), for unit tests that need to
 * know what a service asked of a member cluster and as whom, without speaking HTTP. Tests that care
 * how Kubernetes itself answers use a sandbox cluster instead.
 */
import type { Discovery } from '#server/kube/discovery-types.ts';
import type { KubeClient, KubeRequest, KubeResponse, WatchEvent } from '#server/kube/kube-client.ts';
import { headersWith } from '#server/kube/kube-connection.ts';
import { kubeErrorFromResponse } from '#server/kube/kube-errors.ts';

/** One request the fake was asked for: method, path, and who it acts as ('portolan' when nobody). */
export interface RecordedRequest {
  method: string;
  path: string;
  as: string;
  request: KubeRequest;
}

/** What the test answers; undefined answers 404 NotFound. */
export type FakeAnswer = { status: number; body?: unknown } | undefined;

export interface FakeKubeClient extends KubeClient {
  /** Every request made through this client or any `withHeaders` copy of it, oldest first. */
  readonly requests: RecordedRequest[];
}

const notFound = (path: string) => ({
  status: 404,
  body: {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    reason: 'NotFound',
    code: 404,
    message: `${path} not found`,
  },
});

export const emptyDiscovery = (): Discovery => ({ groups: [], resources: [], failed: [] });

export function createFakeKubeClient(
  options: {
    answer?: (request: RecordedRequest) => FakeAnswer;
    discovery?: () => Discovery;
    server?: string;
    /** Where requests are recorded: share one list between several clients. */
    requests?: RecordedRequest[];
    /** Called with each request as it is made, before it is answered. */
    onRequest?: (request: RecordedRequest) => void;
  } = {},
): FakeKubeClient {
  const requests = options.requests ?? [];
  const server = options.server ?? 'https://fake-cluster.invalid';
  const answer = options.answer ?? (() => undefined);

  const build = (headers: Record<string, string | string[]>): FakeKubeClient => {
    const record = (request: KubeRequest): RecordedRequest => {
      const merged = { ...headers, ...request.headers };
      const impersonated = Object.entries(merged).find(([name]) => name.toLowerCase() === 'impersonate-user');
      const recorded = {
        method: (request.method ?? 'GET').toUpperCase(),
        path: request.path,
        as: impersonated ? String(impersonated[1]) : 'portolan',
        request,
      };
      requests.push(recorded);
      options.onRequest?.(recorded);
      return recorded;
    };
    const respond = async <T>(request: KubeRequest): Promise<KubeResponse<T>> => {
      const recorded = record(request);
      const { status, body } = answer(recorded) ?? notFound(request.path);
      return { status, headers: { 'content-type': 'application/json' }, body: body as T };
    };
    const ok = async <T>(request: KubeRequest): Promise<T> => {
      const response = await respond<T>(request);
      if (response.status >= 200 && response.status < 300) return response.body;
      throw kubeErrorFromResponse(response.status, response.body, {
        method: (request.method ?? 'GET').toUpperCase(),
        path: request.path,
        server,
      });
    };
    const client: FakeKubeClient = {
      server,
      requests,
      request: respond,
      get: (path, query, signal) => ok({ path, ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
      async *listPages(path, listOptions) {
        const list = await client.list(path, listOptions);
        yield { items: list.items as never[], resourceVersion: list.resourceVersion };
      },
      async list<T>(path: string) {
        const body = await ok<{ items?: T[]; metadata?: { resourceVersion?: string } }>({ path });
        return { items: body.items ?? [], resourceVersion: body.metadata?.resourceVersion ?? '1' };
      },
      async *watch<T>(path: string, watchOptions?: { signal?: AbortSignal }): AsyncIterable<WatchEvent<T>> {
        await ok({
          path,
          query: { watch: true },
          ...(watchOptions?.signal ? { signal: watchOptions.signal } : {}),
        });
        // A watch that was answered: it stays open, with nothing happening, until it is aborted.
        const signal = watchOptions?.signal;
        if (!signal || signal.aborted) return;
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      },
      async discover() {
        record({ path: '/apis' });
        return options.discovery?.() ?? emptyDiscovery();
      },
      withHeaders: (extra) => build(headersWith(headers, extra)),
      close() {},
    };
    return client;
  };
  return build({});
}
