import http, { type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { upgradeOriginProblem } from '#server/iam/upgrade-origin.ts';

/** Takes the Node server's `upgrade` events for one route; false for any other URL. */
export interface UpgradeHandler {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

/**
 * Sends a request that asked for an upgrade through Fastify's routing like any other, with a
 * response written straight to its socket: hooks, validation and the declared permission apply,
 * and a route may take the socket over (reply.hijack) to complete the upgrade. An ordinary
 * answer ends the connection, since the HTTP server no longer reads from an upgrade's socket.
 */
export function routeOverSocket(app: FastifyInstance, request: IncomingMessage, socket: Duplex): void {
  const response = new http.ServerResponse(request);
  response.shouldKeepAlive = false;
  response.assignSocket(socket as Socket);
  response.once('finish', () => socket.end());
  socket.on('error', () => socket.destroy());
  app.routing(request, response);
}

/**
 * The one way upgrade requests reach the app: first the Origin check every cookie-authenticated
 * upgrade needs (a cross-site page may open a WebSocket with the user's cookie; it gets 403 and
 * nothing runs), then the handler that takes the URL, else ordinary routing.
 */
export function listenForUpgrades(
  app: FastifyInstance,
  handlers: UpgradeHandler[],
  allowedOrigins: readonly string[],
): void {
  // With an upgrade listener, Node no longer answers other upgrade requests as ordinary ones: route them.
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const problem = upgradeOriginProblem(request.headers, allowedOrigins);
    if (problem) {
      app.log.warn({ url: request.url, origin: request.headers.origin }, 'refused a cross-origin upgrade');
      return refuse(socket, 403, { error: { code: 'forbidden', field: 'Origin', message: problem } });
    }
    if (!handlers.some((handler) => handler.handleUpgrade(request, socket, head)))
      routeOverSocket(app, request, socket);
  });
}

function refuse(socket: Duplex, status: number, body: unknown): void {
  socket.on('error', () => socket.destroy());
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
}
