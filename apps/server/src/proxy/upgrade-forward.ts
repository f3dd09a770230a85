import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { classifyConnectionError } from '#server/kube/kube-connection-errors.ts';
import { type Forward, openOrRefuse } from './forward-upstream.ts';
import { reportOnce } from './http-forward.ts';
import { writeStatusToSocket } from './kube-status.ts';
import { unreachableStatus } from './proxy-admission.ts';
import { downstreamHeaders } from './proxy-headers.ts';
import type { UpstreamDeps } from './upstream-request.ts';

function headerLines(rawHeaders: string[]): string {
  let text = '';
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) text += `${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`;
  return text;
}

/** Joins two sockets; an end passes on as an end (so the last bytes arrive), an error closes both. */
function splice(a: Duplex, b: Duplex): void {
  a.pipe(b);
  b.pipe(a);
  const closeBoth = () => {
    a.destroy();
    b.destroy();
  };
  a.once('error', closeBoth);
  b.once('error', closeBoth);
  a.once('close', () => b.end());
  b.once('close', () => a.end());
}

/**
 * Passes a protocol upgrade (exec, attach, port-forward over SPDY/3.1 or WebSocket) to the member
 * cluster: the handshake headers go through as sent, and after the API server's 101 the two sockets
 * are joined byte for byte. A refusal (400, 403, …) is relayed as an ordinary response.
 * `onStatus` learns the answer: 101 once joined, the refusal's status, 503 when unreachable.
 */
export async function forwardUpgrade(
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  forward: Forward,
  deps: UpstreamDeps,
  onStatus?: (status: number) => void,
): Promise<void> {
  const { connection } = forward.target;
  const report = reportOnce(onStatus);
  const upstream = await openOrRefuse(request, forward, deps, true, report, (status) =>
    writeStatusToSocket(socket, status),
  );
  if (!upstream) return;
  let answered = false;
  let upgraded = false;
  // Until the sockets are joined, a caller that leaves takes the upstream request (and a
  // refusal being relayed) with it; afterwards splice() does.
  socket.once('close', () => {
    report(0);
    if (!upgraded) upstream.destroy();
  });
  upstream.once('upgrade', (response, upstreamSocket: Duplex, upstreamHead: Buffer) => {
    answered = true;
    upgraded = true;
    report(response.statusCode ?? 101);
    if (socket.destroyed) {
      upstreamSocket.destroy();
      return;
    }
    socket.write(
      `HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n${headerLines(response.rawHeaders)}\r\n`,
    );
    if (upstreamHead.length > 0) socket.write(upstreamHead);
    if (head.length > 0) upstreamSocket.write(head);
    splice(socket, upstreamSocket);
  });
  upstream.once('response', (response) => {
    answered = true;
    report(response.statusCode ?? 502);
    if (response.statusCode === 401) connection.credentials.invalidate?.();
    const lines = headerLines([...downstreamHeaders(response.rawHeaders), 'connection', 'close']);
    socket.write(`HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n${lines}\r\n`);
    response.pipe(socket);
  });
  upstream.once('error', (error) => {
    if (answered || socket.destroyed) return;
    answered = true;
    report(503);
    writeStatusToSocket(
      socket,
      unreachableStatus(forward.cluster, classifyConnectionError(error, connection.server)),
    );
  });
  upstream.end();
}
