import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import type { ClusterAccess } from '#server/clusters/cluster-access.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { EXEC_PROTOCOLS, openExec, relayExec, statusFrame } from '#server/pods/pod-exec.ts';
import { ResourceError } from '#server/resources/resource-errors.ts';
import type { LiveAnswers } from '../../live-answers.ts';
import { pathParams, query, responses } from '../shared/route-schemas.ts';
import { routeOverSocket, type UpgradeHandler } from '../shared/upgrade-routing.ts';

const EXEC_URL = /^\/api\/v1\/clusters\/[^/]+\/pods\/[^/]+\/[^/]+\/exec(\?|$)/;
const CALLER_PROTOCOLS = [...EXEC_PROTOCOLS, 'channel.k8s.io'];

interface ExecQuery {
  container?: string;
  command: string | string[];
  tty?: boolean;
  stdin?: boolean;
}

/**
 * Exec over WebSocket: the upgrade goes through Fastify's routing like any request (so hooks,
 * validation and the declared permission apply), then the socket is handed to `ws` and joined to
 * the cluster's exec. Errors found before the exec starts arrive as a status frame (channel 3),
 * since a browser cannot read the body of a refused handshake.
 */
export function registerPodExecRoutes(
  app: FastifyInstance,
  access: ClusterAccess,
  live: LiveAnswers,
): UpgradeHandler {
  const upgrades = new WeakMap<IncomingMessage, { socket: Duplex; head: Buffer }>();
  const server = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => CALLER_PROTOCOLS.find((protocol) => offered.has(protocol)) ?? false,
  });
  // The HTTP server no longer tracks upgraded sockets, so closing it would leave execs running.
  app.addHook('onClose', async () => {
    for (const caller of server.clients) caller.terminate();
  });

  app.get<{ Params: { cluster: string; namespace: string; name: string }; Querystring: ExecQuery }>(
    '/api/v1/clusters/:cluster/pods/:namespace/:name/exec',
    {
      config: { permission: 'pods:exec' },
      schema: {
        tags: ['pods'],
        summary: 'Run a command in a container, over WebSocket',
        description:
          'Connect with WebSocket (subprotocol v5.channel.k8s.io or v4.channel.k8s.io, optional). Frames are ' +
          'Kubernetes’ channel framing: the first byte is the channel (0 stdin, 1 stdout, 2 stderr, 3 status, ' +
          '4 resize, 255 close stdin). A text message is taken as stdin. The status frame is a Kubernetes ' +
          'Status: Success, or Failure with the exit code. A session cookie counts only from Portolan’s own ' +
          'origin or one in --allowed-origins (else 403). Once the caller loses access, a Failure status ' +
          '(401 or 403) and close code 1008 end the session.',
        params: pathParams('namespace', 'name'),
        querystring: query(
          {
            container: { type: 'string' },
            command: {
              anyOf: [
                { type: 'string', minLength: 1 },
                { type: 'array', items: { type: 'string' }, minItems: 1 },
              ],
              description: 'repeat for each argument: command=sh&command=-c&command=…',
            },
            tty: { type: 'boolean', default: false },
            stdin: { type: 'boolean', default: true },
          },
          ['command'],
        ),
        response: responses({ 101: { type: 'null', description: 'Switching Protocols: the exec runs' } }),
      },
    },
    async (request, reply) => {
      const upgrade = upgrades.get(request.raw);
      if (!upgrade) {
        throw new ResourceError('bad-request', 426, 'exec needs a WebSocket connection (Upgrade: websocket)');
      }
      const { cluster, namespace, name } = request.params;
      const { container, command, tty = false, stdin = true } = request.query;
      const options = {
        command: Array.isArray(command) ? command : [command],
        tty,
        stdin,
        ...(container ? { container } : {}),
      };
      const connection = await access.connectionFor(cluster, callerOf(request));
      let failure: Record<string, unknown> = {};
      const exec = await openExec(connection, { namespace, name }, options).catch((error: unknown) => {
        if (!(error instanceof ResourceError)) throw error;
        failure = {
          status: 'Failure',
          code: error.status,
          reason: error.reason ?? error.code,
          message: error.message,
        };
        return undefined;
      });
      reply.hijack();
      // The caller may have left while the cluster was answering.
      if (upgrade.socket.destroyed) return void exec?.terminate();
      reply.raw.detachSocket(upgrade.socket as Socket);
      server.handleUpgrade(request.raw, upgrade.socket, upgrade.head, (caller) => {
        if (!exec) return caller.send(statusFrame(failure), { binary: true }, () => caller.close(1000));
        relayExec(caller, exec);
        // A caller who loses access gets the reason as a status frame, and the command is ended.
        const forget = live.keep(request, reply, {
          end(problem) {
            const code = problem.code === 'unauthenticated' ? 401 : 403;
            const reason = problem.code === 'unauthenticated' ? 'Unauthorized' : 'Forbidden';
            const status = { status: 'Failure', code, reason, message: problem.message };
            // The status frame goes out before the close frame; the command ends after both are queued.
            if (caller.readyState === caller.OPEN) {
              caller.send(statusFrame(status), { binary: true });
              caller.close(1008, reason);
            } else caller.terminate();
            exec.terminate();
          },
        });
        caller.once('close', forget);
      });
    },
  );

  return {
    handleUpgrade(request, socket, head) {
      if (!EXEC_URL.test(request.url ?? '')) return false;
      upgrades.set(request, { socket, head });
      routeOverSocket(app, request, socket);
      return true;
    },
  };
}
