export type KubeconfigProblem =
  | 'invalid-yaml'
  | 'invalid-kubeconfig'
  | 'no-contexts'
  | 'unknown-context'
  | 'missing-cluster'
  | 'missing-user'
  | 'invalid-server'
  | 'unreadable-file'
  | 'relative-path'
  | 'files-not-allowed'
  | 'invalid-base64'
  | 'invalid-pem'
  | 'conflicting-auth'
  | 'unsupported-auth'
  | 'unsupported-proxy'
  | 'exec-not-allowed'
  | 'exec-plugin-missing'
  | 'exec-plugin-failed'
  | 'credential-expired';

/** A kubeconfig that cannot be used; the message says what is wrong and how to fix it. */
export class KubeconfigError extends Error {
  readonly problem: KubeconfigProblem;
  /** The field at fault, e.g. `users[admin].client-key-data`. */
  readonly field: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(
    problem: KubeconfigProblem,
    message: string,
    where: { field?: string; line?: number; column?: number } = {},
  ) {
    const position = where.line !== undefined ? ` (line ${where.line}, column ${where.column ?? 1})` : '';
    super(`${message}${position}`);
    this.name = 'KubeconfigError';
    this.problem = problem;
    this.field = where.field;
    this.line = where.line;
    this.column = where.column;
  }
}
