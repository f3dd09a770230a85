export type ClusterErrorCode =
  | 'invalid'
  | 'invalid-kubeconfig'
  | 'connection-failed'
  | 'conflict'
  | 'not-found';

export interface ClusterErrorDetails {
  field?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  problem?: string | undefined;
}

/** A registry failure that names the field, line or cluster at fault and what to do. */
export class ClusterError extends Error {
  override name = 'ClusterError';
  readonly code: ClusterErrorCode;
  readonly field: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The connection check's problem, e.g. tls-untrusted or unauthorized. */
  readonly problem: string | undefined;

  constructor(
    code: ClusterErrorCode,
    message: string,
    details: {
      field?: string | undefined;
      line?: number | undefined;
      column?: number | undefined;
      problem?: string | undefined;
    } = {},
  ) {
    super(message);
    this.code = code;
    this.field = details.field;
    this.line = details.line;
    this.column = details.column;
    this.problem = details.problem;
  }
}

export function clusterError(
  code: ClusterErrorCode,
  message: string,
  details: {
    field?: string | undefined;
    line?: number | undefined;
    column?: number | undefined;
    problem?: string | undefined;
  } = {},
): ClusterError {
  return new ClusterError(code, message, {
    field: details.field,
    line: details.line,
    column: details.column,
    problem: details.problem,
  });
}
