import http, { type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';

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
