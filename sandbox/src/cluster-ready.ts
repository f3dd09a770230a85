import { SandboxError } from './errors.ts';
import { type KubeEndpoint, kubeGetJson, kubeRequest } from './kube-http.ts';
import { buildNode } from './nodes.ts';
import type { SandboxOptions } from './options.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Registers the simulated nodes. Nodes that already exist (a restarted sandbox) are kept and brought
 * up to date: this version's annotations (a node made before nodes named their metrics path gains
 * it), and the kubelet port, which is kwok's port of this start (kwok sets it only on a new node).
 */
export async function createNodes(
  admin: KubeEndpoint,
  options: SandboxOptions,
  kubeletPort: number,
): Promise<void> {
  const pending = Array.from({ length: options.nodes }, (_, index) => buildNode(options, index));
  const patch = (path: string, body: unknown) =>
    kubeRequest(admin, 'PATCH', path, body, 10_000, 'application/merge-patch+json');
  // A handful at a time: fast, without flooding a freshly started API server.
  while (pending.length > 0) {
    const batch = pending.splice(0, 20);
    await Promise.all(
      batch.map(async (node) => {
        let response = await kubeRequest(admin, 'POST', '/api/v1/nodes', node);
        if (response.status === 409) {
          const { name, annotations } = node.metadata as {
            name: string;
            annotations: Record<string, string>;
          };
          const path = `/api/v1/nodes/${encodeURIComponent(name)}`;
          response = await patch(path, { metadata: { annotations } });
          if (response.status === 200) {
            response = await patch(`${path}/status`, {
              status: { daemonEndpoints: { kubeletEndpoint: { Port: kubeletPort } } },
            });
          }
        }
        if (response.status !== 201 && response.status !== 200) {
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
