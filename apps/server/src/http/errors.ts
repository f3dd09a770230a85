import { SandboxError } from '@portolan/sandbox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ClusterError, ClusterNotConnectedError } from '#server/clusters/cluster-errors.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import { Refusal } from '#server/refusal.ts';
import {
  ApplyConflictError,
  ClusterUnreachableError,
  ConflictError,
  ForbiddenError,
  InvalidObjectError,
  ManifestError,
  NotFoundError,
  ResourceError,
  UnknownKindError,
} from '#server/resources/resource-errors.ts';
import { SearchError } from '#server/search/search-service.ts';
import { LabelSelectorError } from '#server/store/resources/labels.ts';
import { StoreError } from '#server/store/store.ts';
import { formatBytes } from './body-limits.ts';
import { RequestBodyError } from './json-body.ts';
import { maskSecret } from './routes/config/secret-masking.ts';
import { validationError } from './validation-message.ts';

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
    const { code, message, params } = error;
    void reply.status(error.statusCode).send({ error: { code, message, ...(params && { params }) } });
    return;
  }
  if (error instanceof ClusterError) {
    const { code, field, line, column, problem, params } = error;
    void reply.status(CLUSTER_STATUS[code] ?? 400).send({
      error: { code, message: error.message, field, line, column, problem, ...(params && { params }) },
    });
    return;
  }
  if (error instanceof ClusterNotConnectedError) {
    // Answered as a cluster that stopped answering: the same code, and the server and failure to fix.
    const { server, failure } = error;
    void reply
      .status(503)
      .send({ error: { code: 'unreachable', message: error.message, server, failure, params: { server } } });
    return;
  }
  if (error instanceof ResourceError) {
    if (error.status >= 500 && !(error instanceof ClusterUnreachableError))
      request.log.error({ err: error }, 'cluster operation failed');
    void reply.status(error.status).send({ error: resourceErrorBody(error) });
    return;
  }
  if (error instanceof SearchError) {
    const { field, suggestions } = error;
    void reply
      .status(400)
      .send({ error: { code: 'invalid-query', message: error.message, field, suggestions } });
    return;
  }
  if (error instanceof LabelSelectorError) {
    void reply
      .status(400)
      .send({ error: { code: 'invalid-query', message: error.message, field: 'labelSelector' } });
    return;
  }
  if (error instanceof StoreError) {
    const { code, field } = error;
    void reply.status(STORE_STATUS[code] ?? 400).send({ error: { code, message: error.message, field } });
    return;
  }
  if (error instanceof Refusal) {
    const { code, field, details } = error;
    void reply.status(STORE_STATUS[code] ?? 400).send({
      error: { code, message: error.message, ...(field ? { field } : {}), ...(details ?? {}) },
    });
    return;
  }
  if (error instanceof RequestBodyError) {
    const { code, line, column } = error;
    void reply.status(error.status).send({ error: { code, message: error.message, line, column } });
    return;
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    void reply.status(413).send({ error: bodyTooLarge(request) });
    return;
  }
  if (fastifyError.validation) {
    void reply.status(400).send({
      error: validationError(fastifyError.validationContext, fastifyError.validation[0]),
    });
    return;
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    const known = fastifyError.code ? FRAMEWORK_ERRORS[fastifyError.code] : undefined;
    void reply.status(fastifyError.statusCode).send({
      error: known
        ? { code: known.code, message: known.message(request) }
        : { code: 'bad-request', message: error.message },
    });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply
    .status(500)
    .send({ error: { code: 'internal', message: 'the server failed to handle this request; see its log' } });
}

/** The framework's refusals of a request, in Portolan's words: what was wrong and what to send instead. */
const FRAMEWORK_ERRORS: Record<string, { code: string; message: (request: FastifyRequest) => string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported-media-type',
    message: (request) =>
      `${request.method} ${request.routeOptions.url ?? request.url} does not take Content-Type "${request.headers['content-type'] ?? ''}"; send application/json (apply also takes application/yaml)`,
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'empty-body',
    message: () => 'the body is empty; send a JSON object, or leave out the Content-Type header',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'invalid-json',
    message: () => 'the body is not valid JSON; send JSON, or set the Content-Type the route takes',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad-request',
    message: () => 'the body is not as long as its Content-Length header says',
  },
};

/** A 413 names the route's limit and the setting that raises it. */
function bodyTooLarge(request: FastifyRequest): Record<string, unknown> {
  const limit = request.routeOptions.config.bodyLimit;
  if (!limit) return { code: 'body-too-large', message: 'the body is larger than this route accepts' };
  return {
    code: 'body-too-large',
    message: `the body is larger than ${formatBytes(limit.bytes)}, the limit of ${request.method} ${request.routeOptions.url}; split it into several requests, or raise the limit with ${limit.setting}`,
    limitBytes: limit.bytes,
    setting: limit.setting,
  };
}

/** What a client needs to word the frequent cluster refusals in its own language. */
function resourceErrorParams(error: ResourceError): Record<string, string> | undefined {
  const named = (target: { group: string; resource: string; namespace?: string; name?: string }) => ({
    kind: target.group ? `${target.resource}.${target.group}` : target.resource,
    ...(target.name && { name: target.name }),
    ...(target.namespace && { namespace: target.namespace }),
  });
  if (error instanceof NotFoundError || error instanceof ConflictError) return named(error.target);
  if (error instanceof ForbiddenError) return { verb: error.verb, ...named(error.target) };
  if (error instanceof ClusterUnreachableError) return { server: error.server };
  return undefined;
}

/** A ResourceError's body keeps what the caller needs to act: fields, the current object, lines. */
export function resourceErrorBody(error: ResourceError): Record<string, unknown> {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.reason) body.reason = error.reason;
  if (error instanceof ConflictError && error.current) body.current = maskSecret(error.current);
  const params = resourceErrorParams(error);
  if (params) body.params = params;
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
