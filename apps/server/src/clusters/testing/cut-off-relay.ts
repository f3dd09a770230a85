import { readFile } from 'node:fs/promises';
import net from 'node:net';
import YAML from 'yaml';

export interface CutOffRelay {
  /** The sandbox's kubeconfig with its server reached through the relay (same TLS names: 127.0.0.1). */
  kubeconfig: string;
  /** Stops listening and drops every connection at once: the cluster stops answering. */
  cut(): void;
}

/**
 * A TCP relay in front of a sandbox's API server, for a cluster that answers until the test cuts it
 * off, the way a cluster goes offline (registration needs it to answer first).
 */
export async function startCutOffRelay(kubeconfigPath: string): Promise<CutOffRelay> {
  const config = YAML.parse(await readFile(kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { server: string } }[];
  };
  const target = new URL(config.clusters[0]?.cluster.server ?? '');
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  for (const entry of config.clusters) entry.cluster.server = `https://127.0.0.1:${port}`;
  return {
    kubeconfig: YAML.stringify(config),
    cut() {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}
