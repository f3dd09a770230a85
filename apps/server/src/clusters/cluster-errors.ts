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
  /** The values a client needs to say this in its own language (sent as `params` beside `code`). */
  readonly params: Record<string, string> | undefined;

  constructor(
    code: ClusterErrorCode,
    message: string,
    details: {
      field?: string | undefined;
      line?: number | undefined;
      column?: number | undefined;
      problem?: string | undefined;
      params?: Record<string, string> | undefined;
    } = {},
  ) {
    super(message);
    this.code = code;
    this.field = details.field;
    this.line = details.line;
    this.column = details.column;
    this.problem = details.problem;
    this.params = details.params;
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
    params?: Record<string, string> | undefined;
  } = {},
): ClusterError {
  return new ClusterError(code, message, {
    field: details.field,
    line: details.line,
    column: details.column,
    problem: details.problem,
    params: details.params,
  });
}

/**
 * A registered cluster with no open connection (its stored credentials could not be opened). The
 * answer is 503 `unreachable` with `failure: 'no-connection'`, as for a cluster that stopped
 * answering, and the message says how to give it working credentials.
 */
export class ClusterNotConnectedError extends Error {
  override name = 'ClusterNotConnectedError';
  readonly server: string;
  readonly failure = 'no-connection';
  /** Why the connection is not open, as the cluster's record keeps it. */
  readonly reason: string;

  constructor(name: string, server: string, reason: string | null) {
    const why = reason ?? 'its stored credentials could not be opened';
    super(
      `cluster "${name}" has no open connection (${why}); ` +
        `replace its kubeconfig with PUT /api/v1/clusters/${name}/kubeconfig`,
    );
    this.server = server;
    this.reason = why;
  }
}
