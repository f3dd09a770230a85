import { readFile } from 'node:fs/promises';
import net from 'node:net';
import YAML from 'yaml';

export interface CutOffRelay {
  /** The sandbox's kubeconfig with its server reached through the relay (same TLS names: 127.0.0.1). */
  kubeconfig: string;
  /** Stops listening and drops every connection at once: the cluster stops answering. */
  cut(): void;
  /**
   * Stalls the cluster: connections stay open (new ones are accepted) but no byte goes either way,
   * the way an API server hangs. What arrives meanwhile waits in the relay until `release()`.
   */
  hold(): void;
  /** Forwards again, the held bytes first. */
  release(): void;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
}

/**
 * A TCP relay in front of a sandbox's API server, for a cluster that answers until the test cuts it
 * off, the way a cluster goes offline, or holds it, the way a cluster hangs (registration needs it
 * to answer first).
 */
export async function startCutOffRelay(kubeconfigPath: string): Promise<CutOffRelay> {
  const config = YAML.parse(await readFile(kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { server: string } }[];
  };
  const target = new URL(config.clusters[0]?.cluster.server ?? '');
  const sockets = new Set<net.Socket>();
  const pairs = new Set<Pair>();
  let held = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  // A stream without a pipe is paused: what it reads stays in its buffer (then TCP's) until piped again.
  const join = ({ client, upstream }: Pair) => client.pipe(upstream).pipe(client);
  const part = ({ client, upstream }: Pair) => {
    client.unpipe(upstream);
    upstream.unpipe(client);
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    const pair = { client, upstream };
    track(client);
    track(upstream);
    pairs.add(pair);
    if (!held) join(pair);
    client.on('close', () => {
      pairs.delete(pair);
      upstream.destroy();
    });
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
    hold() {
      if (held) return;
      held = true;
      for (const pair of pairs) part(pair);
    },
    release() {
      if (!held) return;
      held = false;
      for (const pair of pairs) join(pair);
    },
  };
}
