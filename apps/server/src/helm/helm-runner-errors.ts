import { type HelmErrorCode, type HelmErrorParams, helmErrorWords } from '@portolan/api';
import { ChartSourceError } from './chart-source.ts';

/** Values as the error body carries them (`params` is text). */
const asText = (params: HelmErrorParams) =>
  Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]));

/**
 * Why a Helm operation or read could not be done, with the HTTP status its route answers and, for
 * bad input, the field at fault; `messageCode` and `params` say the message as a code the console
 * words (helm-codes.ts).
 */
export class HelmCommandError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** helm's own stderr, when helm said it (read by parsers, never sent to users whole). */
  readonly helmOutput: string;
  messageCode: HelmErrorCode | undefined;
  params: Record<string, string> | undefined;

  constructor(status: number, code: string, message: string, field?: string, helmOutput = '') {
    super(message);
    this.name = 'HelmCommandError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.helmOutput = helmOutput;
  }

  /** A refusal whose English is made from `messageCode`'s words and `params`. */
  static coded(
    status: number,
    code: string,
    said: { messageCode: HelmErrorCode; params?: HelmErrorParams },
    field?: string,
    helmOutput = '',
  ): HelmCommandError {
    const params = said.params ?? {};
    const error = new HelmCommandError(
      status,
      code,
      helmErrorWords(said.messageCode, params),
      field,
      helmOutput,
    );
    error.messageCode = said.messageCode;
    error.params = asText(params);
    return error;
  }

  /** helm's stderr as one plain reason, with the status that fits what it says; `signal` if helm was killed. */
  static fromHelm(stderr: string, signal?: string): HelmCommandError {
    const reason = plainHelmReason(stderr);
    const said: { messageCode: HelmErrorCode; params?: HelmErrorParams } = reason
      ? { messageCode: 'helm-said' as const, params: { detail: reason } }
      : signal
        ? { messageCode: 'helm-stopped' as const, params: { signal } }
        : { messageCode: 'helm-silent' as const };
    const as = (status: number, code: string) =>
      HelmCommandError.coded(status, code, said, undefined, stderr);
    if (/^release: not found$|release: not found|has no deployed releases/i.test(reason))
      return as(404, 'not-found');
    if (/secrets is forbidden/i.test(reason))
      return HelmCommandError.coded(
        403,
        'forbidden',
        {
          messageCode: 'secrets-forbidden',
          params: { detail: reason.replace(/^.*?(secrets is forbidden)/, '$1') },
        },
        undefined,
        stderr,
      );
    if (/forbidden|cannot (get|list|create|patch|update|delete|watch)/i.test(reason))
      return as(403, 'forbidden');
    if (/another operation .* is in progress|cannot re-?use a name/i.test(reason)) return as(409, 'conflict');
    return as(422, 'helm-failed');
  }
}

// helm 4 writes log lines (`level=WARN msg=…`, `time=…`) to stderr beside the error itself.
const LOG_LINE = /^(time=|level=|WARNING:|walk\.go|coalesce\.go|install\.go|upgrade\.go)/;
// Stage prefixes that say nothing a reader needs: the job already says which operation it was.
const STAGE_PREFIX =
  /^(INSTALLATION FAILED|UPGRADE FAILED|ROLLBACK FAILED|UNINSTALLATION FAILED|uninstall): /;

/**
 * helm's error text as a plain sentence: the `Error:` line(s) without the stage prefix, the
 * "1 error occurred" wrapping and Go's stack noise; hashicorp multierror bullets joined with "; ".
 */
export function plainHelmReason(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trimEnd());
  const start = lines.findIndex((line) => line.startsWith('Error: '));
  const relevant = (start >= 0 ? lines.slice(start) : lines).filter(
    (line) => line.trim() !== '' && !LOG_LINE.test(line.trim()) && !/^\s*(goroutine|\S+\.go:\d+)/.test(line),
  );
  let text = relevant
    .map((line) => line.replace(/^Error: /, '').replace(/^\s*\*\s*/, ''))
    .filter((line) => !/^\d+ errors? occurred:?$/.test(line.trim()))
    .join('; ');
  while (STAGE_PREFIX.test(text)) text = text.replace(STAGE_PREFIX, '');
  return text
    .replace(/\b\d+ errors? occurred:\s*/g, '')
    .replace(/:\s*;\s*/g, ': ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The hook a failure names (`pre-upgrade`, `post-install`…), if it was a hook's. */
export function failedHook(reason: string): string | undefined {
  return /\b((pre|post)-(install|upgrade|rollback|delete))\b/.exec(reason)?.[1];
}

/** helm said the failed operation was rolled back (--rollback-on-failure). */
export const wasRolledBack = (reason: string) => /has been rolled back|rolled back due to/i.test(reason);

/** A Helm operation's or the chart source's refusal as an HTTP status and `{ error }` body; else undefined. */
export function helmRefusal(error: unknown): { status: number; error: HelmRefusalBody } | undefined {
  if (error instanceof HelmCommandError)
    return {
      status: error.status,
      error: {
        code: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
        ...(error.messageCode ? { messageCode: error.messageCode, params: error.params ?? {} } : {}),
      },
    };
  if (error instanceof ChartSourceError)
    return {
      status: error.status,
      error: {
        code: error.status === 404 ? 'not-found' : 'chart-unavailable',
        message: error.message,
        field: 'chart',
        ...(error.messageCode ? { messageCode: error.messageCode, params: asText(error.params ?? {}) } : {}),
      },
    };
  return undefined;
}

/** A Helm refusal's `{ error }` body: the code and English, and the words' code and values when known. */
export interface HelmRefusalBody {
  code: string;
  message: string;
  field?: string;
  messageCode?: HelmErrorCode;
  params?: Record<string, string>;
}
