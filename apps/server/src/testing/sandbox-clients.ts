/**
 * Connections and clients for tests, made from a sandbox's kubeconfig the way Portolan reads any
 * kubeconfig: the sandbox admin, a ServiceAccount token, and a cluster that is gone. The one place a
 * test turns a sandbox into a KubeConnection, so every test trusts and authenticates the same way.
 */
import net from 'node:net';
import { kubectlOk } from '@portolan/sandbox/testing';
import { readKubeconfigFile } from '#server/clusters/kubeconfig.ts';
import { connectionFromKubeconfig } from '#server/clusters/kubeconfig-connection.ts';
import { createKubeClient } from '#server/kube/http-kube-client.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { type KubeConnection, staticCredentials } from '#server/kube/kube-connection.ts';

/**
 * The connection a sandbox's kubeconfig (a file path) describes. Its certificates are files next to
 * it, so file references are allowed; exec plugins are not (a sandbox has none).
 */
export async function sandboxConnection(kubeconfig: string): Promise<KubeConnection> {
  const prepared = await connectionFromKubeconfig(await readKubeconfigFile(kubeconfig), {
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

/** A local port where nothing listens any more (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A connection to an address where nothing listens any more. */
export async function unreachableConnection(): Promise<KubeConnection> {
  return { server: `https://127.0.0.1:${await closedPort()}`, credentials: staticCredentials({}) };
}

/** A client for an address where nothing listens any more. */
export async function unreachableClient(): Promise<KubeClient> {
  return createKubeClient(await unreachableConnection());
}

/**
 * A client acting as a new ServiceAccount `viewer` of the namespace, bound to the `view` ClusterRole
 * there: what a caller who may only read gets from the cluster.
 */
export async function viewerClient(
  binDir: string,
  kubeconfig: string,
  namespace: string,
): Promise<KubeClient> {
  const k = (...args: string[]) => kubectlOk(binDir, kubeconfig, args);
  await k('create', 'serviceaccount', 'viewer', '-n', namespace);
  await k(
    'create',
    'rolebinding',
    'viewer',
    '--clusterrole=view',
    `--serviceaccount=${namespace}:viewer`,
    '-n',
    namespace,
  );
  const token = (await k('create', 'token', 'viewer', '-n', namespace, '--duration=1h')).trim();
  return tokenClient(kubeconfig, token);
}
