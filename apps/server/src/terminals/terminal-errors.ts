/** Why a terminal request is refused; `status` is the HTTP answer, `code` the error's code. */
export class TerminalError extends Error {
  readonly status: 404 | 409 | 429 | 500 | 503;
  readonly code:
    | 'not-found'
    | 'other-replica'
    | 'too-many-terminals'
    | 'terminal-failed'
    | 'terminals-unavailable';
  /** On 409: the replica that runs the session. */
  readonly replica: string | undefined;

  constructor(
    status: TerminalError['status'],
    code: TerminalError['code'],
    message: string,
    replica?: string,
  ) {
    super(message);
    this.name = 'TerminalError';
    this.status = status;
    this.code = code;
    this.replica = replica;
  }
}

/** One answer for every id that is not the caller's open session here, so ids cannot be probed. */
export const noSuchTerminal = (id: string) =>
  new TerminalError(
    404,
    'not-found',
    `you have no open terminal ${id}; list yours with GET /api/v1/terminals, or open one on a cluster`,
  );
