/**
 * A sandbox cluster's API reached straight over HTTPS with its kubeconfig's client certificate, for
 * benchmarks that send thousands of requests (kubectl would start a process for each).
 */
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import YAML from 'yaml';

export interface Endpoint {
  agent: https.Agent;
  server: URL;
}

export async function endpointOf(kubeconfigPath: string): Promise<Endpoint> {
  const config = YAML.parse(await readFile(kubeconfigPath, 'utf8'));
  const data = (value: string) => Buffer.from(value, 'base64');
  return {
    server: new URL(config.clusters[0].cluster.server),
    agent: new https.Agent({
      keepAlive: true,
      maxSockets: 32,
      ca: data(config.clusters[0].cluster['certificate-authority-data']),
      cert: data(config.users[0].user['client-certificate-data']),
      key: data(config.users[0].user['client-key-data']),
    }),
  };
}

/** Sends `body` as JSON (or as `contentType`, e.g. a merge patch); the answer's status. */
export async function send(
  endpoint: Endpoint,
  method: string,
  route: string,
  body: unknown,
  contentType = 'application/json',
): Promise<number> {
  return (await sendJson(endpoint, method, route, body, contentType)).status;
}

/** Sends `body` as JSON and reads the whole answer: its status and text. */
export function sendJson(
  endpoint: Endpoint,
  method: string,
  route: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': contentType };
    const request = https.request(
      new URL(route, endpoint.server),
      { method, agent: endpoint.agent, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** GET `route` as a client would: the whole body read and parsed. Throws on anything but 200. */
export async function getJson<T>(endpoint: Endpoint, route: string): Promise<T> {
  const answer = await sendJson(endpoint, 'GET', route);
  if (answer.status !== 200)
    throw new Error(`GET ${route} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  return JSON.parse(answer.text) as T;
}

/** Creates `count` ConfigMaps in namespace `bench`, 32 requests in flight. */
export async function fill(endpoint: Endpoint, count: number): Promise<void> {
  await send(endpoint, 'POST', '/api/v1/namespaces', { metadata: { name: 'bench' } });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const status = await send(endpoint, 'POST', '/api/v1/namespaces/bench/configmaps', {
        metadata: { name: `cm-${i}`, labels: { app: `app-${i % 50}`, shard: String(i % 7) } },
        data: { index: String(i), payload: 'x'.repeat(200) },
      });
      if (status !== 201) throw new Error(`creating a ConfigMap answered ${status}`);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}
