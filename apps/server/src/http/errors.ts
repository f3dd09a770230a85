import { SandboxError } from '@portolan/sandbox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

const SANDBOX_STATUS: Record<string, number> = {
  'invalid-option': 400,
  'not-found': 404,
  'already-exists': 409,
  'port-taken': 409,
};

/** Turns every failure into `{ error: { code, message, … } }` with a status that fits. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof SandboxError) {
    const status = SANDBOX_STATUS[error.code] ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'sandbox operation failed');
    void reply.status(status).send({
      error: { code: error.code, message: error.message, component: error.component, logPath: error.logPath },
    });
    return;
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    void reply.status(400).send({
      error: {
        code: 'invalid-request',
        message: `${fastifyError.validationContext ?? 'request'}${fastifyError.validation[0]?.instancePath ?? ''} ${fastifyError.validation[0]?.message ?? 'is invalid'}`,
      },
    });
    return;
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    void reply
      .status(fastifyError.statusCode)
      .send({ error: { code: fastifyError.code ?? 'bad-request', message: error.message } });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply
    .status(500)
    .send({ error: { code: 'internal', message: 'the server failed to handle this request; see its log' } });
}
