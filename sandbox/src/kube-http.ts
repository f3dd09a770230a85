import https from 'node:https';

/** What the launcher needs to call a sandbox's API server as its admin. */
export interface KubeEndpoint {
  server: string;
  ca: string;
  cert: string;
  key: string;
}

export interface KubeResponse {
  status: number;
  body: string;
}

/** One HTTPS request to the API server with the admin's client certificate. */
export function kubeRequest(
  endpoint: KubeEndpoint,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
  contentType = 'application/json',
): Promise<KubeResponse> {
  const url = new URL(path, endpoint.server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method,
        ca: endpoint.ca,
        cert: endpoint.cert,
        key: endpoint.key,
        timeout: timeoutMs,
        headers: payload
          ? { 'content-type': contentType, accept: 'application/json' }
          : { accept: 'application/json' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`request to ${url.href} timed out after ${timeoutMs} ms`)),
    );
    request.on('error', reject);
    if (payload) request.write(payload);
    request.end();
  });
}

/** GET that parses JSON and throws with the server's message on a non-2xx answer. */
export async function kubeGetJson<T>(endpoint: KubeEndpoint, path: string): Promise<T> {
  const response = await kubeRequest(endpoint, 'GET', path);
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`GET ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
  }
  return JSON.parse(response.body) as T;
}

/**
 * Server-side apply of one object at its own path (e.g. /api/v1/namespaces/x/services/y): created
 * when missing, brought to this content when present. Throws with the server's message.
 */
export async function kubeApply(endpoint: KubeEndpoint, path: string, object: unknown): Promise<void> {
  const response = await kubeRequest(
    endpoint,
    'PATCH',
    `${path}?fieldManager=portolan-sandbox&force=true`,
    object,
    10_000,
    'application/apply-patch+yaml',
  );
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`applying ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
  }
}
