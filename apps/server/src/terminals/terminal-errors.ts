import { type TerminalRefusalCode, type TerminalWordsParams, terminalRefusalWords } from '@portolan/api';

/**
 * Why a terminal request is refused; `status` is the HTTP answer, `code` the error's code, and
 * `messageCode` with `params` the message as a code the console words (terminal-codes.ts).
 */
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
  messageCode: TerminalRefusalCode | undefined;
  params: Record<string, string> | undefined;

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

  /** A refusal whose English is made from `messageCode`'s words and `params`. */
  static coded(
    status: TerminalError['status'],
    code: TerminalError['code'],
    messageCode: TerminalRefusalCode,
    params: TerminalWordsParams,
    replica?: string,
  ): TerminalError {
    const error = new TerminalError(status, code, terminalRefusalWords(messageCode, params), replica);
    error.messageCode = messageCode;
    error.params = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]));
    return error;
  }
}

/** One answer for every id that is not the caller's open session here, so ids cannot be probed. */
export const noSuchTerminal = (id: string) => TerminalError.coded(404, 'not-found', 'not-found', { id });
