import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { addressOf, KubeConnectionError } from './kube-connection-errors.ts';

const CONNECT_TIMEOUT_MS = 15_000;

/** Checks a kubeconfig proxy-url: http and https proxies are reached with CONNECT; others are refused. */
export function parseProxyUrl(proxyUrl: string): URL {
  let url: URL;
  try {
    url = new URL(proxyUrl);
  } catch {
    throw new Error(`proxy-url "${proxyUrl}" is not a URL; write it as http://host:port`);
  }
  if (url.protocol === 'socks5:' || url.protocol === 'socks5h:' || url.protocol === 'socks:') {
    throw new Error(
      `proxy-url ${url.protocol}//${url.host}: SOCKS proxies are not supported by Portolan; ` +
        'use an HTTP(S) proxy that allows CONNECT, or reach the cluster directly',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`proxy-url "${proxyUrl}" must start with http:// or https://`);
  }
  return url;
}

/** Opens a raw TCP tunnel to `target` (host:port) through the proxy with an HTTP CONNECT. */
function openTunnel(proxy: URL, target: string): Promise<Duplex> {
  const proxyAddress = addressOf(proxy);
  const headers: Record<string, string> = { host: target };
  if (proxy.username) {
    const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(user).toString('base64')}`;
  }
  return new Promise((resolve, reject) => {
    const request = (proxy.protocol === 'https:' ? https : http).request({
      host: proxy.hostname,
      port: Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80)),
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
      timeout: CONNECT_TIMEOUT_MS,
    });
    request.once('connect', (response, socket: net.Socket, head: Buffer) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(
          new KubeConnectionError(
            'proxy',
            target,
            `the proxy at ${proxyAddress} refused to open a tunnel to ${target}: ${response.statusCode} ${response.statusMessage ?? ''}`.trim(),
          ),
        );
        return;
      }
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    request.once('timeout', () =>
      request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
    );
    request.once('error', (error) => {
      const code = (error as { code?: string }).code;
      reject(
        new KubeConnectionError(
          'proxy',
          target,
          `the proxy at ${proxyAddress} (proxy-url) is unreachable: ${error.message}. Check proxy-url in the kubeconfig.`,
          code,
        ),
      );
    });
    request.end();
  });
}

/**
 * An agent whose connections go through an HTTP CONNECT proxy; TLS to the API server runs inside
 * the tunnel, so the proxy sees only the host and port.
 */
export function createTunnelAgent(
  proxy: URL,
  secure: boolean,
  options: https.AgentOptions,
): http.Agent | https.Agent {
  const agent = secure ? new https.Agent(options) : new http.Agent(options);
  agent.createConnection = (connectOptions, callback) => {
    const host = connectOptions.host ?? connectOptions.hostname ?? 'localhost';
    const port = connectOptions.port ?? (secure ? 443 : 80);
    openTunnel(proxy, `${host.includes(':') ? `[${host}]` : host}:${port}`).then(
      (socket) => {
        if (!secure) return callback?.(null, socket);
        const secureSocket = tls.connect({ ...(connectOptions as tls.ConnectionOptions), socket });
        callback?.(null, secureSocket);
      },
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  };
  return agent;
}
