/** Setup shared by the terminal cluster tests: a real server (with `args`), a registered sandbox, a namespace. */
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on what they read
type Loose = any;

export interface TerminalTest {
  harness: Harness;
  /** The registered cluster's name. */
  cluster: string;
  namespace: string;
  /** kubectl as the sandbox admin; throws on failure. */
  k: (...args: string[]) => Promise<string>;
  /** JSON (or any text) in as the administrator; the answer parsed when it is JSON. */
  send(
    method: string,
    path: string,
    body?: string,
    contentType?: string,
  ): Promise<{ status: number; body: Loose }>;
  cleanup(): Promise<void>;
}

export async function setUpTerminalTest(prefix: string, args: string[] = []): Promise<TerminalTest> {
  const { binDir, clusters } = sharedSandboxes();
  const sandbox = clusters[0];
  if (!sandbox) throw new Error('no shared sandbox');
  const namespace = uniqueNamespace(prefix);
  const k = (...command: string[]) => kubectlOk(binDir, sandbox.kubeconfig, command);
  await k('create', 'namespace', namespace);
  await eventually('the default ServiceAccount', async () =>
    (await kubectl(binDir, sandbox.kubeconfig, ['get', 'sa', 'default', '-n', namespace])).code === 0
      ? true
      : undefined,
  );
  const harness = await startHarness({ args });
  await harness.register(prefix, sandbox.kubeconfig);
  return {
    harness,
    cluster: prefix,
    namespace,
    k,
    async send(method, path, body, contentType) {
      const response = await fetch(`${harness.url}${path}`, {
        method,
        headers: { ...harness.headers, ...(contentType ? { 'content-type': contentType } : {}) },
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      const json = /json/.test(response.headers.get('content-type') ?? '') && text ? JSON.parse(text) : text;
      return { status: response.status, body: json };
    },
    async cleanup() {
      await harness.stop({ removeData: true });
      await kubectl(binDir, sandbox.kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
    },
  };
}
