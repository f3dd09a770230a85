/** Clients for cluster tests: the sandbox admin, a ServiceAccount token, and a cluster that is gone. */
import net from 'node:net';
import { readKubeconfigFile } from '#server/clusters/kubeconfig.ts';
import { connectionFromKubeconfig } from '#server/clusters/kubeconfig-connection.ts';
import { createKubeClient } from '#server/kube/http-kube-client.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { staticCredentials } from '#server/kube/kube-connection.ts';

async function sandboxConnection(kubeconfig: string) {
  const config = await readKubeconfigFile(kubeconfig);
  const prepared = await connectionFromKubeconfig(config, {
    clock: () => new Date(),
    env: process.env,
    allowExec: false,
    files: { allowFiles: true },
  });
  return prepared.connection;
}

/** The sandbox's admin, from its kubeconfig. */
export async function adminClient(kubeconfig: string): Promise<KubeClient> {
  return createKubeClient(await sandboxConnection(kubeconfig));
}

/** The same cluster, authenticated by a bearer token (e.g. from `kubectl create token`). */
export async function tokenClient(kubeconfig: string, token: string): Promise<KubeClient> {
  const connection = await sandboxConnection(kubeconfig);
  return createKubeClient({
    ...connection,
    credentials: staticCredentials({ authorization: `Bearer ${token}` }),
  });
}

/** A client for an address where nothing listens any more. */
export async function unreachableClient(): Promise<KubeClient> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return createKubeClient({ server: `https://127.0.0.1:${port}`, credentials: staticCredentials({}) });
}
