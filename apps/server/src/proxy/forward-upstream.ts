import type { IncomingMessage } from 'node:http';
import { upstreamHeaders } from './proxy-headers.ts';
import type { ProxyTarget } from './proxy-target.ts';
import { openUpstream, type UpstreamDeps } from './upstream-request.ts';

export interface Forward {
  cluster: string;
  path: string;
  target: ProxyTarget;
}

/**
 * Opens the member cluster's side of a proxied request: the caller's headers cleaned, the
 * cluster's credentials and the caller's identity added. Ordinary requests and upgrades alike.
 */
export function openForward(
  request: IncomingMessage,
  forward: Forward,
  deps: UpstreamDeps,
  upgrade: boolean,
) {
  const { connection, impersonate } = forward.target;
  const headers = upstreamHeaders(request.rawHeaders, {
    upgrade,
    ...(connection.headers ? { connectionHeaders: connection.headers } : {}),
    ...(impersonate ? { impersonate } : {}),
    ...(request.socket.remoteAddress ? { remoteAddress: request.socket.remoteAddress } : {}),
  });
  return openUpstream(connection, deps, { method: request.method ?? 'GET', path: forward.path, headers });
}
