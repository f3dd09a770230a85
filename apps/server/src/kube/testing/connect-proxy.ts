/** A small HTTP CONNECT proxy for tests: it records each tunnel and can refuse them all. */
import http from 'node:http';
import net from 'node:net';

export interface TestProxy {
  url: string;
  /** `host:port` of each tunnel asked for, in order. */
  tunnels: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(
  options: { refuse?: boolean; credentials?: string } = {},
): Promise<TestProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    tunnels.push(request.url ?? '');
    const expected = options.credentials && `Basic ${Buffer.from(options.credentials).toString('base64')}`;
    if (options.refuse || (expected && request.headers['proxy-authorization'] !== expected)) {
      client.end(
        `HTTP/1.1 ${options.refuse ? '403 Forbidden' : '407 Proxy Authentication Required'}\r\n\r\n`,
      );
      return;
    }
    const url = new URL(`http://${request.url}`);
    const upstream = net.connect(Number(url.port), url.hostname.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    tunnels,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
