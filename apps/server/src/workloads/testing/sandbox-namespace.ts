/** Setup shared by the workload cluster tests: an admin client and a namespace of the test's own. */
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { adminClient, viewerClient } from '#server/testing/sandbox-clients.ts';

export interface TestNamespace {
  client: KubeClient;
  namespace: string;
  /** kubectl as the sandbox admin; throws on failure. */
  k: (...args: string[]) => Promise<string>;
  /** `kubectl get … -o json`, parsed. */
  getJson: <T = Record<string, unknown>>(...args: string[]) => Promise<T>;
  /** A client acting as a ServiceAccount bound to the `view` role in the namespace. */
  viewerClient: () => Promise<KubeClient>;
  cleanup: () => Promise<void>;
}

export async function prepareNamespace(prefix: string): Promise<TestNamespace> {
  const { binDir, clusters } = sharedSandboxes();
  const sandbox = clusters[0];
  if (!sandbox) throw new Error('no shared sandbox');
  const namespace = uniqueNamespace(prefix);
  const k = (...args: string[]) => kubectlOk(binDir, sandbox.kubeconfig, args);
  await k('create', 'namespace', namespace);
  // Pods can be created only once the controller manager made the default ServiceAccount.
  await eventually('the default ServiceAccount', async () =>
    (await kubectl(binDir, sandbox.kubeconfig, ['get', 'sa', 'default', '-n', namespace])).code === 0
      ? true
      : undefined,
  );
  const client = await adminClient(sandbox.kubeconfig);
  const opened: KubeClient[] = [client];
  return {
    client,
    namespace,
    k,
    getJson: async (...args) => JSON.parse(await k('get', ...args, '-n', namespace, '-o', 'json')),
    async viewerClient() {
      const viewer = await viewerClient(binDir, sandbox.kubeconfig, namespace);
      opened.push(viewer);
      return viewer;
    },
    async cleanup() {
      await kubectl(binDir, sandbox.kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
      for (const entry of opened) entry.close();
    },
  };
}
