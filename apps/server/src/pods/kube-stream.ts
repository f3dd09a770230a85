import http from 'node:http';
import https from 'node:https';
import type { KubeQuery } from '#server/kube/kube-client.ts';
import type { KubeConnection, RequestCredentials } from '#server/kube/kube-connection.ts';
import { classifyConnectionError } from '#server/kube/kube-connection-errors.ts';
import { kubeErrorFromResponse } from '#server/kube/kube-errors.ts';
import { authorizationHeadersOf, tlsOptionsOf } from '#server/kube/kube-tls.ts';
import { createTunnelAgent, parseProxyUrl } from '#server/kube/proxy-tunnel.ts';
import { type Operation, toResourceError } from '#server/resources/kube-call.ts';

/** TLS settings, credentials and headers for one connection to the cluster's API server. */
export function connectOptions(connection: KubeConnection, credentials: RequestCredentials) {
  const base = new URL(connection.server);
  const secure = base.protocol === 'https:';
  const headers: Record<string, string | string[]> = {
    ...connection.headers,
    ...authorizationHeadersOf(credentials),
  };
  const options: https.RequestOptions = {
    headers,
    ...(secure ? tlsOptionsOf(connection, credentials) : {}),
  };
  // A stream holds its socket for as long as it lasts, so it takes one of its own.
  options.agent = connection.proxyUrl
    ? createTunnelAgent(parseProxyUrl(connection.proxyUrl), secure, {})
    : false;
  return { secure, options };
}

/** The URL of a path below the server, which may itself sit below a path prefix. */
export function urlOf(connection: KubeConnection, path: string, query: KubeQuery, scheme?: 'ws'): URL {
  const base = new URL(connection.server);
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}${path}`, base);
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.append(key, String(value));
  if (scheme) url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

/**
 * A GET whose answer is read as it arrives (logs with follow). Aborting the signal ends it. A
 * refusal throws the ResourceError that keeps its Kubernetes meaning.
 */
export async function openKubeStream(
  connection: KubeConnection,
  request: { path: string; query: KubeQuery; accept?: string; signal?: AbortSignal },
  operation: Operation,
): Promise<http.IncomingMessage> {
  const url = urlOf(connection, request.path, request.query);
  const send = async () => {
    const { secure, options } = connectOptions(connection, await connection.credentials.get(request.signal));
    options.headers = { ...options.headers, accept: request.accept ?? '*/*' };
    if (request.signal) options.signal = request.signal;
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const outgoing = (secure ? https : http).request(url, { ...options, method: 'GET' }, resolve);
      outgoing.once('error', (error) => reject(classifyConnectionError(error, connection.server)));
      outgoing.end();
    });
  };
  let response: http.IncomingMessage;
  try {
    response = await send();
    if (response.statusCode === 401 && connection.credentials.invalidate) {
      response.resume();
      connection.credentials.invalidate();
      response = await send();
    }
  } catch (error) {
    throw toResourceError(error, operation);
  }
  if (response.statusCode === 200) return response;
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the text itself says what went wrong.
  }
  throw toResourceError(
    kubeErrorFromResponse(response.statusCode ?? 0, body, {
      method: 'GET',
      path: request.path,
      server: connection.server,
    }),
    operation,
  );
}
