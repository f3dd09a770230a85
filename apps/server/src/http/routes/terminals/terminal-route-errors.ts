import { TERMINAL_UPLOAD_LIMIT } from '@portolan/api';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { TerminalFileError } from '#server/terminals/session-runner.ts';
import { TerminalError } from '#server/terminals/terminal-errors.ts';
import { formatBytes } from '../../body-limits.ts';
import { handleError } from '../../errors.ts';

/** The terminal routes' errors with their own status and code; anything else as every route answers. */
export function handleTerminalError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof TerminalError) {
    if (error.status >= 500) request.log.warn({ err: error }, 'a terminal request failed');
    void reply.status(error.status).send({
      error: {
        code: error.code,
        message: error.message,
        ...(error.replica ? { replica: error.replica } : {}),
        ...(error.messageCode ? { messageCode: error.messageCode, params: error.params } : {}),
      },
    });
    return;
  }
  if (error instanceof TerminalFileError) {
    const code = error.status === 404 ? 'not-found' : error.status === 413 ? 'too-large' : 'invalid-path';
    void reply.status(error.status).send({ error: { code, message: error.message, field: 'path' } });
    return;
  }
  if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = formatBytes(TERMINAL_UPLOAD_LIMIT);
    void reply.status(413).send({
      error: {
        code: 'body-too-large',
        message: `the file is larger than ${limit}, the most a terminal takes in one upload; split it, or fetch it from inside the terminal (kubectl cp, curl)`,
        limitBytes: TERMINAL_UPLOAD_LIMIT,
      },
    });
    return;
  }
  handleError(error, request, reply);
}

/** Path parameter: a terminal's id as the server makes them. */
export const terminalIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' } },
} as const;
