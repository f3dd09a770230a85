import { SandboxError } from '@portolan/sandbox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ClusterError } from '#server/clusters/cluster-errors.ts';
import { SearchError } from '#server/search/search-service.ts';
import { LabelSelectorError } from '#server/store/labels.ts';
import { StoreError } from '#server/store/store.ts';

const CLUSTER_STATUS: Record<string, number> = {
  invalid: 400,
  'invalid-kubeconfig': 400,
  'connection-failed': 422,
  conflict: 409,
  'not-found': 404,
};
const STORE_STATUS: Record<string, number> = { invalid: 400, conflict: 409, 'not-found': 404 };

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
  if (error instanceof ClusterError) {
    const { code, field, line, column, problem } = error;
    void reply
      .status(CLUSTER_STATUS[code] ?? 400)
      .send({ error: { code, message: error.message, field, line, column, problem } });
    return;
  }
  if (error instanceof SearchError) {
    void reply
      .status(400)
      .send({ error: { code: 'invalid-query', message: error.message, field: error.field } });
    return;
  }
  if (error instanceof LabelSelectorError) {
    void reply
      .status(400)
      .send({ error: { code: 'invalid-query', message: error.message, field: 'labelSelector' } });
    return;
  }
  if (error instanceof StoreError) {
    void reply
      .status(STORE_STATUS[error.code] ?? 400)
      .send({ error: { code: error.code, message: error.message } });
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
