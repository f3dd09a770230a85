import type { KubeClient, KubeRequest, KubeResponse } from '#server/kube/kube-client.ts';
import { KubeConnectionError } from '#server/kube/kube-connection-errors.ts';
import { KubeError, kubeErrorFromResponse } from '#server/kube/kube-errors.ts';
import {
  ApplyConflictError,
  ClusterUnreachableError,
  ConflictError,
  describeTarget,
  ForbiddenError,
  InvalidObjectError,
  NotFoundError,
  type OperationTarget,
  ResourceError,
} from './resource-errors.ts';

/** What a request does, in RBAC terms, so an error can say which permission is missing. */
export interface Operation extends OperationTarget {
  verb: string;
}

/** Sends a request and throws a ResourceError unless the answer is 2xx. */
export async function callKube<T>(
  client: KubeClient,
  request: KubeRequest,
  operation: Operation,
): Promise<KubeResponse<T>> {
  let response: KubeResponse<T>;
  try {
    response = await client.request<T>(request);
  } catch (error) {
    throw toResourceError(error, operation);
  }
  if (response.status >= 200 && response.status < 300) return response;
  const method = (request.method ?? 'GET').toUpperCase();
  throw toResourceError(
    kubeErrorFromResponse(response.status, response.body, {
      method,
      path: request.path,
      server: client.server,
    }),
    operation,
  );
}

/** Turns a client error into the ResourceError that keeps its Kubernetes meaning; others pass through. */
export function toResourceError(error: unknown, operation: Operation): unknown {
  if (error instanceof ResourceError) return error;
  if (error instanceof KubeConnectionError) {
    return new ClusterUnreachableError(error.address, error.failure, error.message, error);
  }
  if (!(error instanceof KubeError)) return error;
  const { verb, ...target } = operation;
  switch (error.code) {
    case 401:
      return new ResourceError(
        'unauthorized',
        401,
        `the cluster did not accept the credentials (${error.message}); they may have expired`,
        error.reason,
        error,
      );
    case 403:
      // The server names the verb it checked (server-side apply of a new object needs create).
      return new ForbiddenError(
        /cannot (\w+) resource/.exec(error.message)?.[1] ?? verb,
        target,
        /User "([^"]+)"/.exec(error.message)?.[1],
        error,
      );
    case 404:
      return new NotFoundError(target, notFoundMessage(error, target), error);
    case 409:
      if (error.reason === 'AlreadyExists') {
        return new ResourceError(
          'already-exists',
          409,
          `${describeTarget(target)} already exists; replace or apply it instead of creating it`,
          error.reason,
          error,
        );
      }
      if (error.causes.some((cause) => cause.reason === 'FieldManagerConflict')) {
        return new ApplyConflictError(target, error.causes, error);
      }
      return new ConflictError(target, error.message, error);
    case 422:
      return new InvalidObjectError(
        describeTarget(target),
        error.causes.length
          ? error.causes.map((cause) => ({
              field: cause.field ?? '',
              reason: cause.reason ?? 'Invalid',
              message: cause.message ?? '',
            }))
          : [{ field: '', reason: error.reason, message: error.message }],
        error.reason,
        error,
      );
    case 400: {
      // Strict field validation names unknown and duplicate fields only in the message.
      const unknown = [...error.message.matchAll(/(unknown|duplicate) field "([^"]+)"/g)];
      if (unknown.length) {
        return new InvalidObjectError(
          describeTarget(target),
          unknown.map((match) => ({
            field: match[2] ?? '',
            reason: match[1] === 'unknown' ? 'FieldValueUnknown' : 'FieldValueDuplicate',
            message: `${match[1]} field`,
          })),
          error.reason,
          error,
        );
      }
      return new ResourceError('kube-error', 400, error.message, error.reason, error);
    }
    case 415:
      return new ResourceError(
        'unsupported',
        415,
        `${describeTarget(target)} does not accept this patch type (${error.message}); ` +
          'custom resources take merge and JSON patches, not strategic merge patches',
        error.reason,
        error,
      );
    default:
      return new ResourceError('kube-error', error.code || 502, error.message, error.reason, error);
  }
}

function notFoundMessage(error: KubeError, target: OperationTarget): string {
  // A missing namespace answers 404 too; Kubernetes' message names what is missing.
  const missing = error.details?.kind === 'namespaces' ? 'namespace' : undefined;
  if (missing) return `namespace "${error.details?.name}" does not exist`;
  return target.name ? `${describeTarget(target)} does not exist` : error.message;
}
