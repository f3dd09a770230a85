import { SandboxError } from './errors.ts';
import { type KubeEndpoint, kubeGetJson, kubeRequest } from './kube-http.ts';
import { buildNode } from './nodes.ts';
import type { SandboxOptions } from './options.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers the simulated nodes; nodes that already exist (a restarted sandbox) are kept. */
export async function createNodes(admin: KubeEndpoint, options: SandboxOptions): Promise<void> {
  const pending = Array.from({ length: options.nodes }, (_, index) => buildNode(options, index));
  // A handful at a time: fast, without flooding a freshly started API server.
  while (pending.length > 0) {
    const batch = pending.splice(0, 20);
    await Promise.all(
      batch.map(async (node) => {
        const response = await kubeRequest(admin, 'POST', '/api/v1/nodes', node);
        if (response.status !== 201 && response.status !== 409) {
          throw new SandboxError(
            'nodes-failed',
            `creating a sandbox node failed (${response.status}): ${response.body.slice(0, 300)}`,
            {
              component: 'kube-apiserver',
            },
          );
        }
      }),
    );
  }
}

interface NodeList {
  items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
}

/**
 * Waits until `nodes` nodes report Ready (kwok's heartbeat) and the controller manager has made
 * the `default` ServiceAccount, without which no pod can be created.
 */
export async function waitForClusterReady(
  admin: KubeEndpoint,
  nodes: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ready = 0;
  let serviceAccount = false;
  while (Date.now() < deadline) {
    try {
      const list = await kubeGetJson<NodeList>(admin, '/api/v1/nodes');
      ready = list.items.filter((node) =>
        node.status?.conditions?.some(
          (condition) => condition.type === 'Ready' && condition.status === 'True',
        ),
      ).length;
      serviceAccount =
        serviceAccount ||
        (await kubeRequest(admin, 'GET', '/api/v1/namespaces/default/serviceaccounts/default')).status ===
          200;
      if (ready >= nodes && serviceAccount) return;
    } catch {
      // The API server may still be settling; try again until the deadline.
    }
    await sleep(200);
  }
  throw new SandboxError(
    'not-ready',
    serviceAccount
      ? `only ${ready} of ${nodes} nodes became Ready within ${timeoutMs / 1000} s; see the kwok log`
      : `the default ServiceAccount was not created within ${timeoutMs / 1000} s; see the kube-controller-manager log`,
    { component: serviceAccount ? 'kwok' : 'kube-controller-manager' },
  );
}
