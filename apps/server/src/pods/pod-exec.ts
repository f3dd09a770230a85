import type http from 'node:http';
import WebSocket, { type RawData } from 'ws';
import type { KubeConnection } from '#server/kube/kube-connection.ts';
import { classifyConnectionError } from '#server/kube/kube-connection-errors.ts';
import { kubeErrorFromResponse } from '#server/kube/kube-errors.ts';
import { type Operation, toResourceError } from '#server/resources/kube-call.ts';
import { ResourceError } from '#server/resources/resource-errors.ts';
import { connectOptions, urlOf } from './kube-stream.ts';
import type { PodRef } from './pod-logs.ts';

/** Kubernetes' exec protocols, newest first: v5 adds a frame that closes stdin. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/** Frame channels: the first byte of every binary message. */
export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4, close: 255 } as const;

export interface ExecOptions {
  container?: string;
  command: string[];
  /** A terminal: stderr comes on stdout, and resize frames apply. */
  tty: boolean;
  stdin: boolean;
}

const operation = (pod: PodRef): Operation => ({
  verb: 'create',
  group: '',
  resource: 'pods',
  subresource: 'exec',
  namespace: pod.namespace,
  name: pod.name,
});

/**
 * Opens an exec in the pod's container over WebSocket with the cluster's credentials. Resolves
 * once the API server accepted it; a refusal (no such pod or container, forbidden) throws the
 * ResourceError that keeps its Kubernetes meaning.
 */
export async function openExec(
  connection: KubeConnection,
  pod: PodRef,
  exec: ExecOptions,
): Promise<WebSocket> {
  const path = `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/exec`;
  const url = urlOf(
    connection,
    path,
    { container: exec.container, stdin: exec.stdin, stdout: true, stderr: !exec.tty, tty: exec.tty },
    'ws',
  );
  for (const part of exec.command) url.searchParams.append('command', part);
  try {
    return await connect(connection, url, pod);
  } catch (error) {
    // An exec plugin's token may have expired: fetch it again, once.
    if (!(error instanceof ResourceError && error.status === 401 && connection.credentials.invalidate))
      throw error;
    connection.credentials.invalidate();
    return connect(connection, url, pod);
  }
}

async function connect(connection: KubeConnection, url: URL, pod: PodRef): Promise<WebSocket> {
  const { options } = connectOptions(connection, await connection.credentials.get());
  const { agent, headers: given, ...tls } = options;
  const headers = Object.fromEntries(
    Object.entries(given ?? {}).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.join(', ') : String(value),
    ]),
  );
  const socket = new WebSocket(url, EXEC_PROTOCOLS, {
    ...(tls as WebSocket.ClientOptions),
    headers,
    ...(agent instanceof Object ? { agent } : {}),
    handshakeTimeout: 15_000,
    perMessageDeflate: false,
  });
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      reject(error);
    };
    socket.once('open', () => {
      socket.removeAllListeners();
      // Until the relay takes over: nothing is read, and a failure only closes the socket.
      socket.pause();
      socket.on('error', () => socket.terminate());
      resolve(socket);
    });
    socket.once('unexpected-response', (_request, response: http.IncomingMessage) => {
      readAll(response).then(
        (text) =>
          fail(
            toResourceError(
              refusal(response.statusCode ?? 0, text, url.pathname, connection.server),
              operation(pod),
            ),
          ),
        fail,
      );
    });
    socket.once('error', (error) =>
      fail(toResourceError(classifyConnectionError(error, connection.server), operation(pod))),
    );
  });
}

async function readAll(response: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function refusal(status: number, text: string, path: string, server: string) {
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Plain text: kept as the message.
  }
  return kubeErrorFromResponse(status, body, { method: 'GET', path, server });
}

const asBuffer = (data: RawData): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);

/**
 * Relays frames between the caller and the cluster. Both speak Kubernetes' channel framing; a
 * text message from the caller is taken as stdin, for terminals that send keystrokes as text.
 * Either side closing closes the other.
 */
export function relayExec(caller: WebSocket, cluster: WebSocket): void {
  const v5 = cluster.protocol === EXEC_PROTOCOLS[0];
  cluster.on('message', (data) => {
    if (caller.readyState === WebSocket.OPEN) caller.send(asBuffer(data), { binary: true });
  });
  caller.on('message', (data, isBinary) => {
    const frame = isBinary ? asBuffer(data) : Buffer.concat([Buffer.from([CHANNEL.stdin]), asBuffer(data)]);
    // v4 has no way to close stdin alone; the caller closes the socket instead.
    if (frame[0] === CHANNEL.close && !v5) return;
    if (cluster.readyState === WebSocket.OPEN) cluster.send(frame);
  });
  cluster.on('close', (code, reason) => {
    if (caller.readyState === WebSocket.OPEN || caller.readyState === WebSocket.CONNECTING)
      caller.close(code === 1000 ? 1000 : 1011, reason.subarray(0, 120));
  });
  caller.on('close', () => {
    if (cluster.readyState === WebSocket.OPEN) cluster.close(1000);
  });
  cluster.on('error', () => caller.terminate());
  caller.on('error', () => cluster.terminate());
  cluster.resume();
}

/** A status frame as Kubernetes writes it, for failures found before the exec started. */
export function statusFrame(status: Record<string, unknown>): Buffer {
  return Buffer.concat([
    Buffer.from([CHANNEL.status]),
    Buffer.from(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, ...status })),
  ]);
}
