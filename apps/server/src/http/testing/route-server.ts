/** Setup shared by the route cluster tests: a real Portolan server, a registered sandbox and a namespace. */
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on what they read
export type Loose = any;

export interface RouteTest {
  harness: Harness;
  /** The registered cluster's name. */
  cluster: string;
  namespace: string;
  /** `/api/v1/clusters/<cluster>` */
  base: string;
  /** kubectl as the sandbox admin; throws on failure. */
  k: (...args: string[]) => Promise<string>;
  /** Any body with any content type; JSON answers parsed. */
  send<T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<{ status: number; body: T; headers: Headers }>;
  cleanup(): Promise<void>;
}

/** `sandbox` picks the shared sandbox: the last one keeps node-level changes away from the others' tests. */
export async function setUpRouteTest(
  prefix: string,
  sandbox: 'first' | 'last' = 'first',
): Promise<RouteTest> {
  const { binDir, clusters } = sharedSandboxes();
  const chosen = sandbox === 'first' ? clusters[0] : clusters.at(-1);
  if (!chosen) throw new Error('no shared sandbox');
  const namespace = uniqueNamespace(prefix);
  const k = (...args: string[]) => kubectlOk(binDir, chosen.kubeconfig, args);
  await k('create', 'namespace', namespace);
  await eventually('the default ServiceAccount', async () =>
    (await kubectl(binDir, chosen.kubeconfig, ['get', 'sa', 'default', '-n', namespace])).code === 0
      ? true
      : undefined,
  );
  const harness = await startHarness();
  const cluster = prefix;
  await harness.register(cluster, chosen.kubeconfig);
  return {
    harness,
    cluster,
    namespace,
    base: `/api/v1/clusters/${cluster}`,
    k,
    async send(method, path, body, contentType) {
      const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
      const response = await fetch(`${harness.url}${path}`, {
        method,
        ...(text === undefined
          ? { headers: harness.headers }
          : {
              body: text,
              headers: { ...harness.headers, 'content-type': contentType ?? 'application/json' },
            }),
      });
      const answer = await response.text();
      const json =
        /json/.test(response.headers.get('content-type') ?? '') && answer ? JSON.parse(answer) : answer;
      return { status: response.status, body: json, headers: response.headers };
    },
    async cleanup() {
      await harness.stop({ removeData: true });
      await kubectl(binDir, chosen.kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
    },
  };
}
