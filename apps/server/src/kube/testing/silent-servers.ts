/**
 * Servers for timeout tests that accept connections and then stop talking at a chosen step: after
 * TCP (a frozen or wrong host), after TLS (an API server that never answers), halfway through an
 * answer, or a proxy that never answers CONNECT. They say nothing of Kubernetes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';

let selfSigned: Promise<{ cert: string; key: string }> | undefined;

/** A self-signed certificate made once with openssl (clients of these servers skip verification). */
function certificate(): Promise<{ cert: string; key: string }> {
  selfSigned ??= (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'silent-server-'));
    const [certPath, keyPath] = [path.join(dir, 'tls.crt'), path.join(dir, 'tls.key')];
    await promisify(execFile)('openssl', [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-subj', '/CN=silent', '-days', '1', '-keyout', keyPath, '-out', certPath],
    ]);
    const pem = { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8') };
    await rm(dir, { recursive: true, force: true });
    return pem;
  })();
  return selfSigned;
}

export type SilentStep = 'tcp' | 'tls' | 'body';

export interface SilentServer {
  /** `127.0.0.1:<port>`; add https:// for a server, http:// for a proxy. */
  address: string;
  close(): Promise<void>;
}

export async function startSilentServer(step: SilentStep): Promise<SilentServer> {
  const sockets = new Set<net.Socket>();
  const keep = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  let server: net.Server;
  if (step === 'tcp') server = net.createServer(keep);
  else {
    server = tls.createServer(await certificate(), (socket) => {
      keep(socket);
      if (step === 'body') {
        // The answer's headers and a first byte of its body, then nothing.
        socket.once('data', () =>
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{'),
        );
      }
    });
  }
  // Raw sockets are tracked for TLS servers too, so close() ends handshakes in progress.
  server.on('connection', keep);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
