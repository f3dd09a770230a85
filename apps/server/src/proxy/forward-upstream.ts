import type { IncomingMessage } from 'node:http';
import type { KubeStatus } from './kube-status.ts';
import { unreachableStatus } from './proxy-admission.ts';
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

/**
 * openForward, or, when the cluster cannot be reached, `refuse` with the reason (a 503 Status, which
 * `report` learns) and undefined.
 */
export async function openOrRefuse(
  request: IncomingMessage,
  forward: Forward,
  deps: UpstreamDeps,
  upgrade: boolean,
  report: (status: number) => void,
  refuse: (status: KubeStatus) => void,
): Promise<Awaited<ReturnType<typeof openForward>> | undefined> {
  try {
    return await openForward(request, forward, deps, upgrade);
  } catch (error) {
    report(503);
    refuse(unreachableStatus(forward.cluster, error));
    return undefined;
  }
}
