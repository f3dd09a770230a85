import { SandboxError } from '@portolan/sandbox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ClusterError } from '#server/clusters/cluster-errors.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import {
  ApplyConflictError,
  ClusterUnreachableError,
  ConflictError,
  ForbiddenError,
  InvalidObjectError,
  ManifestError,
  ResourceError,
  UnknownKindError,
} from '#server/resources/resource-errors.ts';
import { SearchError } from '#server/search/search-service.ts';
import { LabelSelectorError } from '#server/store/labels.ts';
import { StoreError } from '#server/store/store.ts';
import { maskSecret } from './routes/secret-masking.ts';

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
  if (error instanceof IamError) {
    if (error.retryAfterSeconds !== undefined)
      void reply.header('retry-after', String(error.retryAfterSeconds));
    void reply.status(error.statusCode).send({ error: { code: error.code, message: error.message } });
    return;
  }
  if (error instanceof ClusterError) {
    const { code, field, line, column, problem } = error;
    void reply
      .status(CLUSTER_STATUS[code] ?? 400)
      .send({ error: { code, message: error.message, field, line, column, problem } });
    return;
  }
  if (error instanceof ResourceError) {
    if (error.status >= 500 && !(error instanceof ClusterUnreachableError))
      request.log.error({ err: error }, 'cluster operation failed');
    void reply.status(error.status).send({ error: resourceErrorBody(error) });
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

/** A ResourceError's body keeps what the caller needs to act: fields, the current object, lines. */
export function resourceErrorBody(error: ResourceError): Record<string, unknown> {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.reason) body.reason = error.reason;
  if (error instanceof ConflictError && error.current) body.current = maskSecret(error.current);
  if (error instanceof ApplyConflictError) body.conflicts = error.conflicts;
  if (error instanceof InvalidObjectError) body.fields = error.fields;
  if (error instanceof ForbiddenError) {
    body.verb = error.verb;
    body.resource = error.target.group
      ? `${error.target.resource}.${error.target.group}`
      : error.target.resource;
    if (error.target.namespace) body.namespace = error.target.namespace;
    if (error.user) body.user = error.user;
  }
  if (error instanceof ClusterUnreachableError) {
    body.server = error.server;
    body.failure = error.failure;
  }
  if (error instanceof UnknownKindError) {
    body.kind = error.kind;
    body.suggestions = error.suggestions;
  }
  if (error instanceof ManifestError) {
    body.document = error.document;
    for (const key of ['line', 'column', 'field'] as const)
      if (error[key] !== undefined) body[key] = error[key];
  }
  return body;
}
