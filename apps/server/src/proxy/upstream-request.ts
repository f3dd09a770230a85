import http from 'node:http';
import https from 'node:https';
import type { KubeConnection } from '#server/kube/kube-connection.ts';
import { authorizationHeadersOf, tlsOptionsOf } from '#server/kube/kube-tls.ts';
import { createTunnelAgent, parseProxyUrl } from '#server/kube/proxy-tunnel.ts';

export interface UpstreamRequest {
  method: string;
  /** Path and query below the cluster's server URL. */
  path: string;
  headers: http.OutgoingHttpHeaders;
}

export interface UpstreamDeps {
  agentFor: (connection: KubeConnection) => http.Agent;
  /** Longest wait for a TCP connection to the member cluster. */
  connectTimeoutMs: number;
}

/** One keep-alive pool per connection; upgraded sockets leave the pool, so exec needs no other. */
export function createAgentPool(): (connection: KubeConnection) => http.Agent {
  const agents = new WeakMap<KubeConnection, http.Agent>();
  return (connection) => {
    let agent = agents.get(connection);
    if (!agent) {
      const secure = new URL(connection.server).protocol === 'https:';
      // Idle sockets close after 30 s and are unreferenced, so a forgotten pool holds nothing open.
      const options: https.AgentOptions = { keepAlive: true, keepAliveMsecs: 30_000, timeout: 30_000 };
      agent = connection.proxyUrl
        ? createTunnelAgent(parseProxyUrl(connection.proxyUrl), secure, options)
        : secure
          ? new https.Agent(options)
          : new http.Agent(options);
      agents.set(connection, agent);
    }
    return agent;
  };
}

/**
 * Opens (but does not end) a request to the member cluster with the connection's TLS settings and
 * current credentials. A connect that takes longer than `connectTimeoutMs` fails with ETIMEDOUT;
 * once connected there is no time limit, since watches, logs and exec last as long as they last.
 */
export async function openUpstream(
  connection: KubeConnection,
  deps: UpstreamDeps,
  request: UpstreamRequest,
): Promise<http.ClientRequest> {
  const { connectTimeoutMs } = deps;
  const base = new URL(connection.server);
  const secure = base.protocol === 'https:';
  const credentials = await connection.credentials.get();
  const headers = { ...request.headers, ...authorizationHeadersOf(credentials) };
  const options: https.RequestOptions = {
    protocol: base.protocol,
    hostname: base.hostname.replace(/^\[|\]$/g, ''),
    port: base.port || (secure ? 443 : 80),
    path: `${base.pathname.replace(/\/+$/, '')}${request.path}`,
    method: request.method,
    headers,
    agent: deps.agentFor(connection),
    ...(secure ? tlsOptionsOf(connection, credentials) : {}),
  };
  const outgoing = (secure ? https : http).request(options);
  outgoing.once('socket', (socket) => {
    socket.setNoDelay(true);
    if (!socket.connecting) return;
    const timer = setTimeout(() => {
      const error = Object.assign(new Error(`no connection within ${connectTimeoutMs} ms`), {
        code: 'ETIMEDOUT',
      });
      outgoing.destroy(error);
    }, connectTimeoutMs);
    socket.once('connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  });
  return outgoing;
}
