import type { FastifyInstance } from 'fastify';

/**
 * Every answer says how long the server worked on it, in the standard `Server-Timing` header
 * (`app;dur=<ms>`, from the request's arrival until its body is handed to the socket). A browser's
 * developer tools show it beside the network time; the search benchmarks read it to tell the
 * server's time from the time a request spends between processes.
 */
export function timeAnswers(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    return payload;
  });
}
