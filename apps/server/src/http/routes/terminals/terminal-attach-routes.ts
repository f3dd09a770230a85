import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TERMINAL_CLOSE } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import { allowedInCluster } from '#server/iam/authorize.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { ResourceError } from '#server/resources/resource-errors.ts';
import { TerminalError } from '#server/terminals/terminal-errors.ts';
import type { OpenTerminal } from '#server/terminals/terminal-session.ts';
import type { TerminalSessions } from '#server/terminals/terminal-sessions.ts';
import type { LiveAnswers } from '../../live-answers.ts';
import { responses } from '../shared/route-schemas.ts';
import type { UpgradeHandler } from '../shared/upgrade-routing.ts';
import { routeOverSocket } from '../shared/upgrade-routing.ts';
import { terminalIdParams } from './terminal-route-errors.ts';
import { joinSocket } from './terminal-socket.ts';

const ATTACH_URL = /^\/api\/v1\/terminals\/[^/]+\/attach(\?|$)/;

/**
 * The terminal's WebSocket. The upgrade goes through Fastify's routing like any request (the access
 * hook, the owner check), then the socket is joined to the session. A browser cannot read a refused
 * handshake, so a session that is not the caller's (4004) or runs on another replica (4009) is said
 * with the close code. While attached, the caller is checked again like every open stream: one who
 * loses access (signed out, disabled, token revoked, no longer on the cluster) ends the session
 * ('revoked', close 1008).
 */
export function registerTerminalAttachRoutes(
  app: FastifyInstance,
  deps: { sessions: TerminalSessions; live: LiveAnswers },
): UpgradeHandler {
  const upgrades = new WeakMap<IncomingMessage, { socket: Duplex; head: Buffer }>();
  const server = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  // The HTTP server no longer tracks upgraded sockets: closing it would leave them open.
  app.addHook('onClose', async () => {
    for (const client of server.clients) client.terminate();
  });

  app.get<{ Params: { id: string } }>(
    '/api/v1/terminals/:id/attach',
    {
      config: { permission: 'self' },
      schema: {
        tags: ['terminals'],
        summary: 'Attach to one of your terminals, over WebSocket',
        description:
          'Binary frames are the terminal’s bytes both ways; text frames are JSON control messages ' +
          '(resize, activity, ping from the browser; attached, idle-warning, ended, pong from the server), ' +
          'or input when they are not one. On attach the server sends `attached`, then the last 256 KiB ' +
          'of output. One browser at a time: a newer one replaces the older (close 4001). Close codes: ' +
          '1000 ended, 1008 access lost, 4004 no such terminal of yours, 4009 it runs on another replica. ' +
          'The server pings every 20 s. A session cookie counts only from Portolan’s own origin or one in ' +
          '--allowed-origins.',
        params: terminalIdParams,
        response: responses({ 101: { type: 'null', description: 'Switching Protocols: attached' } }),
      },
    },
    async (request, reply) => {
      const upgrade = upgrades.get(request.raw);
      if (!upgrade) {
        throw new ResourceError(
          'bad-request',
          426,
          'attaching to a terminal needs a WebSocket connection (Upgrade: websocket)',
        );
      }
      const caller = callerOf(request);
      const found: OpenTerminal | TerminalError = await deps.sessions
        .find(caller.userId, request.params.id)
        .catch((error: unknown) => {
          if (error instanceof TerminalError) return error;
          throw error;
        });
      reply.hijack();
      if (upgrade.socket.destroyed) return;
      reply.raw.detachSocket(upgrade.socket as Socket);
      server.handleUpgrade(request.raw, upgrade.socket, upgrade.head, (socket) => {
        if (found instanceof TerminalError) {
          if (found.code === 'other-replica')
            return socket.close(TERMINAL_CLOSE.otherReplica, `runs on replica ${found.replica}`);
          return socket.close(TERMINAL_CLOSE.notFound, 'no such terminal of yours');
        }
        const terminal = found;
        joinSocket(socket, terminal);
        const forget = deps.live.keep(request, reply, {
          end(problem) {
            void deps.sessions.end(terminal.id, 'revoked', problem.message);
          },
          refresh(now) {
            if (allowedInCluster(now, 'clusters:proxy', terminal.cluster)) return undefined;
            return {
              code: 'forbidden',
              message: `you may no longer reach cluster ${terminal.cluster} through Portolan`,
            };
          },
        });
        socket.once('close', forget);
      });
    },
  );

  return {
    handleUpgrade(request, socket, head) {
      if (!ATTACH_URL.test(request.url ?? '')) return false;
      upgrades.set(request, { socket, head });
      routeOverSocket(app, request, socket);
      return true;
    },
  };
}
