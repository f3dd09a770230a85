import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AccessProblem, AccessWatch } from '#server/iam/access-watch.ts';
import type { Permission } from '#server/iam/permissions.ts';
import { forwardHttp, reportOnce, sendStatus } from './http-forward.ts';
import { kubeStatus, writeStatusToSocket } from './kube-status.ts';
import { type Admission, type Authenticate, admitProxyRequest, type Refusal } from './proxy-admission.ts';
import { splitProxyPath } from './proxy-path.ts';
import type { ProxyTarget, ProxyTargetResolver } from './proxy-target.ts';
import { forwardUpgrade } from './upgrade-forward.ts';
import { createAgentPool, type UpstreamDeps } from './upstream-request.ts';

/** The part of the server's logger (pino) the proxy writes its failures to. */
export interface ProxyLog {
  error(fields: { err: unknown }, message: string): void;
}

export interface KubeProxyOptions<Caller> {
  /** Portolan's own authentication of the caller; undefined answers 401. */
  authenticate: Authenticate<Caller>;
  targets: ProxyTargetResolver<Caller>;
  /** The permission the routes declare. */
  permission: Permission;
  /** Longest wait for a TCP connection to a member cluster (default 15 s). */
  connectTimeoutMs?: number;
  /**
   * Told once about every request, as soon as the status its caller gets is known (a watch's at its
   * start, an upgrade's when joined or refused): for the audit trail. It must not throw or wait.
   */
  onExchange?: (exchange: ProxyExchange<Caller>) => void;
  /**
   * Where every admitted request registers while it lasts, so a watch, a followed log or an exec
   * ends once the caller would no longer be admitted (token revoked, access taken away).
   */
  watch?: AccessWatch;
}

/** One request through the proxy, as far as it got. */
export interface ProxyExchange<Caller> {
  request: IncomingMessage;
  /** Undefined when the request proved no identity (or its path was refused first). */
  caller: Caller | undefined;
  cluster: string | undefined;
  /** Path and query below the cluster's API server. */
  path: string | undefined;
  /** exec, attach, port-forward: a protocol upgrade. */
  upgrade: boolean;
  /** What the caller got: 101 for a joined upgrade, 0 when it left before any answer. */
  status: number;
  /** Set when Portolan answered itself instead of the member cluster: why, and what it said. */
  refusal?: { reason: Refusal; message: string };
}

export interface KubeProxy {
  /**
   * Answers one request under /k8s/clusters/{cluster}/… (not an upgrade). `take` hands over the
   * response once the request is admitted or refused (the web framework lets go of it there); a
   * failure is written to `log`.
   */
  handleRequest(request: IncomingMessage, take: () => ServerResponse, log: ProxyLog): Promise<void>;
  /**
   * For the Node server's `upgrade` event (exec, attach, port-forward). Takes the socket and
   * answers true for URLs under /k8s/clusters/, leaves it alone and answers false otherwise.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Ends every open watch, followed log and exec session: they never end by themselves. */
  close(): void;
}

function logFailure<Caller>(log: ProxyLog, admission: Admission<Caller>): void {
  if (!admission.ok && admission.error !== undefined) {
    log.error({ err: admission.error }, `kubernetes proxy: ${admission.status.message}`);
  }
}

/**
 * The Kubernetes API proxy for /k8s/clusters/{cluster}/…: each request goes to that cluster's API
 * server with Portolan's credentials for it (and the caller's identity, when the target says whom to
 * impersonate). Bodies pass through unparsed, in both directions. It knows no web framework:
 * http/proxy/kube-proxy-routes.ts mounts it on Fastify; `log` takes the failures of upgrades.
 */
export function createKubeProxy<Caller>(options: KubeProxyOptions<Caller> & { log: ProxyLog }): KubeProxy {
  const deps: UpstreamDeps = {
    agentFor: createAgentPool(),
    connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
  };

  // Watches, logs and exec sessions never end by themselves: closing the proxy ends them.
  const open = new Set<{ destroy(): unknown }>();
  const track = (stream: { destroy(): unknown; once(event: 'close', listener: () => void): unknown }) => {
    open.add(stream);
    stream.once('close', () => open.delete(stream));
  };

  /**
   * Keeps an admitted request checked while it lasts: admitted again with the caller's credential as
   * it is now, acting as the same identity (a platform Admin who is no longer one would otherwise
   * keep Portolan's own credentials) with the same access there (the member cluster authorized the
   * request once, at its start). Failing, `end` cuts the connection.
   */
  function keepChecked(request: IncomingMessage, admitted: Admission<Caller>, end: () => void): () => void {
    if (!options.watch || !admitted.ok) return () => undefined;
    const identityOf = (target: ProxyTarget) =>
      JSON.stringify([target.impersonate ?? null, target.access ?? null]);
    const identity = identityOf(admitted.target);
    return options.watch.watch({
      async check(): Promise<AccessProblem | undefined> {
        const again = await admitProxyRequest(request, options.authenticate, options.targets);
        // Not knowing (the store briefly away) is not a refusal: the next check decides.
        if (!again.ok && again.refusal === 'error') throw again.error;
        if (!again.ok)
          return {
            code: again.status.code === 401 ? 'unauthenticated' : 'forbidden',
            message: again.status.message,
          };
        if (identityOf(again.target) !== identity)
          return { code: 'forbidden', message: 'your access to this cluster changed; connect again' };
        return undefined;
      },
      end,
    });
  }

  /** The function that tells onExchange the status of this request, given its admission. */
  function reporter(request: IncomingMessage, upgrade: boolean, log: ProxyLog) {
    let admission: Admission<Caller> | undefined;
    const report = reportOnce(
      options.onExchange &&
        ((status: number) => {
          try {
            options.onExchange?.({
              request,
              caller: admission?.caller,
              cluster: admission?.cluster,
              path: admission?.path,
              upgrade,
              status,
              ...(admission && !admission.ok
                ? { refusal: { reason: admission.refusal, message: admission.status.message } }
                : {}),
            });
          } catch (error) {
            log.error({ err: error }, 'kubernetes proxy: recording the request failed');
          }
        }),
    );
    return {
      admitted(value: Admission<Caller>) {
        admission = value;
      },
      report,
    };
  }

  return {
    async handleRequest(request, take, log) {
      const exchange = reporter(request, false, log);
      const admission = await admitProxyRequest(request, options.authenticate, options.targets);
      exchange.admitted(admission);
      const response = take();
      track(response);
      if (!admission.ok) {
        logFailure(log, admission);
        exchange.report(admission.status.code);
        sendStatus(response, admission.status);
        return;
      }
      response.once(
        'close',
        keepChecked(request, admission, () => response.destroy()),
      );
      await forwardHttp(request, response, admission, deps, exchange.report);
    },
    handleUpgrade(request, socket, head) {
      if (!splitProxyPath(request.url ?? '')) return false;
      socket.on('error', () => socket.destroy());
      track(socket);
      const exchange = reporter(request, true, options.log);
      const proxy = async () => {
        const admission = await admitProxyRequest(request, options.authenticate, options.targets);
        exchange.admitted(admission);
        if (!admission.ok) {
          logFailure(options.log, admission);
          exchange.report(admission.status.code);
          writeStatusToSocket(socket, admission.status);
          return;
        }
        socket.once(
          'close',
          keepChecked(request, admission, () => socket.destroy()),
        );
        await forwardUpgrade(request, socket, head, admission, deps, exchange.report);
      };
      proxy().catch((error: unknown) => {
        exchange.report(500);
        options.log.error({ err: error }, 'kubernetes proxy: upgrade failed');
        if (!socket.destroyed)
          writeStatusToSocket(socket, kubeStatus(500, 'the proxy failed; see the Portolan log'));
      });
      return true;
    },
    close() {
      for (const stream of open) stream.destroy();
    },
  };
}
