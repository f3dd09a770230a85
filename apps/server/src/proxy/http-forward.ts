import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { classifyConnectionError } from '#server/kube/kube-connection-errors.ts';
import { type Forward, openOrRefuse } from './forward-upstream.ts';
import { type KubeStatus, statusWarning } from './kube-status.ts';
import { unreachableStatus } from './proxy-admission.ts';
import { downstreamHeaders } from './proxy-headers.ts';
import type { UpstreamDeps } from './upstream-request.ts';

export function sendStatus(response: ServerResponse, status: KubeStatus): void {
  const body = JSON.stringify(status);
  response
    .writeHead(status.code, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      warning: statusWarning(status),
    })
    .end(body);
}

/**
 * Calls `report` once with the first status given, ignoring later ones; without a `report`, does
 * nothing. 0 stands for "the caller left before any answer".
 */
export function reportOnce(report: ((status: number) => void) | undefined): (status: number) => void {
  let reported = false;
  return (status) => {
    if (reported || !report) return;
    reported = true;
    report(status);
  };
}

/**
 * Passes one ordinary request (any verb, watch, logs with follow) to the member cluster and
 * streams both bodies as they come, so a watch event reaches the caller when the API server sends it.
 * When the caller goes away the upstream request is destroyed, which ends the watch there too.
 * `onStatus` learns the status the caller gets as soon as it is known (a watch's at its start).
 */
export async function forwardHttp(
  request: IncomingMessage,
  response: ServerResponse,
  forward: Forward,
  deps: UpstreamDeps,
  onStatus?: (status: number) => void,
): Promise<void> {
  const { connection } = forward.target;
  const report = reportOnce(onStatus);
  const upstream = await openOrRefuse(request, forward, deps, false, report, (status) =>
    sendStatus(response, status),
  );
  if (!upstream) return;
  response.once('close', () => {
    report(0);
    if (!response.writableFinished) upstream.destroy();
  });
  upstream.once('response', (incoming) => {
    report(incoming.statusCode ?? 502);
    // A 401 from the member cluster means Portolan's credentials for it went stale (an exec
    // plugin's token expired): fetch fresh ones for the next request.
    if (incoming.statusCode === 401) connection.credentials.invalidate?.();
    response.writeHead(
      incoming.statusCode ?? 502,
      incoming.statusMessage,
      downstreamHeaders(incoming.rawHeaders),
    );
    // A watch may stay silent for minutes; the caller learns at once that it started.
    response.flushHeaders();
    pipeline(incoming, response, () => undefined);
  });
  upstream.once('error', (error) => {
    if (response.destroyed) return;
    if (response.headersSent) response.destroy();
    else {
      report(503);
      sendStatus(
        response,
        unreachableStatus(forward.cluster, classifyConnectionError(error, connection.server)),
      );
    }
  });
  request.pipe(upstream);
}
