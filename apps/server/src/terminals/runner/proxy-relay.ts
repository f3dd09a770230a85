import { constants } from 'node:fs';
import { chmod, chown, open } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * A shell with a network namespace of its own reaches nothing of the host's network (other services on
 * loopback such as sandbox clusters' etcd, cloud metadata, abstract Unix sockets) except Portolan's
 * proxy: inside, pty-bridge listens on the proxy's loopback address and relays to a Unix socket bound
 * in; outside, this relay carries that socket to the proxy. TLS stays end to end.
 */
export interface ProxyTarget {
  host: string;
  port: number;
}

/**
 * The proxy addresses the kubeconfig names, when every one can be given inside a sandbox of its own
 * network: an IPv4 loopback address (or localhost) with a port an unprivileged process may listen on.
 * Undefined when one cannot (a proxy behind a load balancer's name, port 443): the shell then shares
 * the host's network.
 */
export function isolatableTargets(kubeconfig: string): ProxyTarget[] | undefined {
  let servers: unknown[];
  try {
    const config = parse(kubeconfig) as { clusters?: { cluster?: { server?: unknown } }[] } | null;
    servers = (config?.clusters ?? []).map((entry) => entry?.cluster?.server);
  } catch {
    return undefined;
  }
  const targets = new Map<string, ProxyTarget>();
  for (const server of servers) {
    if (typeof server !== 'string') return undefined;
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      return undefined;
    }
    const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname;
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || port < 1024) return undefined;
    targets.set(`${host}:${port}`, { host, port });
  }
  return targets.size > 0 ? [...targets.values()] : undefined;
}

export interface HostRelay {
  close(): Promise<void>;
}

/** Listens on `dir`/`name` (0600, given to `owner`) and carries each connection to `target`. */
export async function startHostRelay(
  dir: string,
  name: string,
  target: ProxyTarget,
  owner: { uid: number; gid: number } | undefined,
): Promise<HostRelay> {
  const connections = new Set<net.Socket>();
  const server = net.createServer((inside) => {
    const outside = net.connect(target.port, target.host);
    connections.add(inside).add(outside);
    const end = () => {
      inside.destroy();
      outside.destroy();
      connections.delete(inside);
      connections.delete(outside);
    };
    inside.on('error', end).on('close', end);
    outside.on('error', end).on('close', end);
    inside.pipe(outside).pipe(inside);
  });
  // A Unix socket's path may hold 107 bytes; the session folder's can be longer, so the socket is
  // made through a handle on the folder.
  const folder = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(`/proc/self/fd/${folder.fd}/${name}`, () => resolve());
    });
  } finally {
    await folder.close();
  }
  const socket = path.join(dir, name);
  await chmod(socket, 0o600);
  if (owner) await chown(socket, owner.uid, owner.gid);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of connections) connection.destroy();
        server.close(() => resolve());
      }),
  };
}
