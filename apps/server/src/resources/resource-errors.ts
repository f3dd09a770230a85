import type { KubeStatusCause } from '#server/kube/kube-errors.ts';
import type { KubeObject } from './kube-object.ts';

export type ResourceErrorCode =
  | 'conflict'
  | 'apply-conflict'
  | 'already-exists'
  | 'invalid'
  | 'forbidden'
  | 'unauthorized'
  | 'not-found'
  | 'unreachable'
  | 'unknown-kind'
  | 'malformed-manifest'
  | 'unsupported'
  | 'bad-request'
  | 'kube-error';

/** What an operation was aimed at, for messages: `deployments.apps "web" in namespace "shop"`. */
export interface OperationTarget {
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export function describeTarget(target: OperationTarget): string {
  const group = target.group ? `.${target.group}` : '';
  const qualified = `${target.resource}${group}${target.subresource ? `/${target.subresource}` : ''}`;
  const name = target.name ? ` "${target.name}"` : '';
  const namespace = target.namespace ? ` in namespace "${target.namespace}"` : '';
  return `${qualified}${name}${namespace}`;
}

/** Every error the resource and workload services throw; `status` is the HTTP status to answer with. */
export class ResourceError extends Error {
  readonly code: ResourceErrorCode;
  readonly status: number;
  /** Kubernetes' own reason (e.g. `Invalid`), when the cluster answered. */
  readonly reason: string | undefined;

  constructor(code: ResourceErrorCode, status: number, message: string, reason?: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ResourceError';
    this.code = code;
    this.status = status;
    this.reason = reason;
  }
}

/** A replace or update lost the race: the object changed since it was read. */
export class ConflictError extends ResourceError {
  readonly target: OperationTarget;
  /** The object as it is now, to edit again (absent if it could not be read). */
  current: KubeObject | undefined;

  constructor(target: OperationTarget, detail: string, cause?: unknown) {
    super(
      'conflict',
      409,
      `${describeTarget(target)} changed since it was read (${detail}); start again from the current version`,
      'Conflict',
      cause,
    );
    this.target = target;
  }
}

/** Server-side apply would take fields another manager owns; `force` takes them over. */
export class ApplyConflictError extends ResourceError {
  readonly conflicts: { field: string; message: string }[];

  constructor(target: OperationTarget, causes: KubeStatusCause[], cause?: unknown) {
    const lines = causes.map((entry) => `- ${entry.field ?? ''}: ${entry.message ?? ''}`);
    super(
      'apply-conflict',
      409,
      `applying ${describeTarget(target)} would take fields that another field manager owns; ` +
        `apply with force to take them over, or leave these fields out:\n${lines.join('\n')}`,
      'Conflict',
      cause,
    );
    this.conflicts = causes.map((entry) => ({ field: entry.field ?? '', message: entry.message ?? '' }));
  }
}

export interface FieldProblem {
  field: string;
  /** Kubernetes' reason, e.g. FieldValueRequired, or `required` for Portolan's own checks. */
  reason: string;
  message: string;
}

/** The object was refused as invalid; `fields` names each field at fault. */
export class InvalidObjectError extends ResourceError {
  readonly fields: FieldProblem[];

  constructor(what: string, fields: FieldProblem[], reason = 'Invalid', cause?: unknown) {
    const lines = fields.map((entry) => `- ${entry.field || '(object)'}: ${entry.message}`);
    super('invalid', 422, `${what} is invalid:\n${lines.join('\n')}`, reason, cause);
    this.fields = fields;
  }
}

/** The caller may not do this; names the verb, resource and namespace of the missing permission. */
export class ForbiddenError extends ResourceError {
  readonly verb: string;
  readonly target: OperationTarget;
  /** Who the cluster says the caller is, when it said. */
  readonly user: string | undefined;

  constructor(verb: string, target: OperationTarget, user: string | undefined, cause?: unknown) {
    const resource = describeTarget({ ...target, name: undefined, namespace: undefined });
    const where = target.namespace ? `in namespace "${target.namespace}"` : 'cluster-wide';
    super(
      'forbidden',
      403,
      `${user ? `${user} is` : 'you are'} not allowed to ${verb} ${resource}` +
        `${target.name ? ` "${target.name}"` : ''} ${where}: the permission "${verb}" on "${resource}" ${where} is missing`,
      'Forbidden',
      cause,
    );
    this.verb = verb;
    this.target = target;
    this.user = user;
  }
}

export class NotFoundError extends ResourceError {
  readonly target: OperationTarget;

  constructor(target: OperationTarget, message: string, cause?: unknown) {
    super('not-found', 404, message, 'NotFound', cause);
    this.target = target;
  }
}

/** The cluster gave no answer (or could not be trusted); the message says why and what to check. */
export class ClusterUnreachableError extends ResourceError {
  readonly server: string;
  readonly failure: string;

  constructor(server: string, failure: string, message: string, cause?: unknown) {
    super('unreachable', 503, message, undefined, cause);
    this.server = server;
    this.failure = failure;
  }
}

export class UnknownKindError extends ResourceError {
  readonly kind: string;
  readonly suggestions: string[];

  constructor(kind: string, suggestions: string[]) {
    const hint = suggestions.length
      ? `; did you mean ${suggestions.map((entry) => `"${entry}"`).join(', ')}?`
      : '; `kubectl api-resources` lists the kinds it serves';
    super('unknown-kind', 400, `the cluster serves no resource type "${kind}"${hint}`);
    this.kind = kind;
    this.suggestions = suggestions;
  }
}

/** Prefixes an error's message with the document it came from, e.g. `document 3: …`. */
export function inDocument<E>(error: E, document: number, item?: number): E {
  if (error instanceof Error) {
    error.message = `document ${document}${item === undefined ? '' : `, item ${item}`}: ${error.message}`;
  }
  return error;
}

/** A YAML or JSON document that cannot be read; names the document (1-based), line and column. */
export class ManifestError extends ResourceError {
  readonly document: number;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;

  constructor(
    message: string,
    where: { document: number; line?: number; column?: number; field?: string },
    cause?: unknown,
  ) {
    super('malformed-manifest', 400, message, undefined, cause);
    this.document = where.document;
    this.line = where.line;
    this.column = where.column;
    this.field = where.field;
  }
}
