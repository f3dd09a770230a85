import { KubeconfigError, type KubeconfigProblem } from './kubeconfig-errors.ts';

/** Characters an HTTP header value may hold (node refuses the rest; CR/LF would split the request). */
const NOT_IN_HEADER = /[^\t\x20-\x7e\x80-\xff]/;

export interface HeaderValueCheck {
  /** The field the user wrote, e.g. `users[admin].user.token`, and its position. */
  where: { field: string; line?: number; column?: number };
  /** What to do about it, e.g. "copy the token again as one line". */
  fix: string;
  /** Says where the value came from when it is not the field itself, e.g. "the file /x named by". */
  source?: string;
  problem?: KubeconfigProblem;
}

/**
 * Refuses a value that is sent in an HTTP header (token, impersonation, plugin output) when it
 * holds characters a header cannot carry, naming the field and the character but never the value,
 * which may be a secret.
 */
export function checkHeaderValue(value: string, check: HeaderValueCheck): void {
  const match = NOT_IN_HEADER.exec(value);
  if (!match) return;
  const char = match[0];
  const code = char.codePointAt(0) ?? 0;
  const unicode = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const what =
    char === '\r' || char === '\n'
      ? `a line break (${char === '\r' ? 'CR' : 'LF'})`
      : code < 0x20 || code === 0x7f
        ? `the control character ${unicode}`
        : `the character "${char}" (${unicode}), which is outside Latin-1`;
  const subject = check.source ? `${check.source} ${check.where.field}` : check.where.field;
  throw new KubeconfigError(
    check.problem ?? 'invalid-kubeconfig',
    `${subject} contains ${what} at position ${match.index + 1}, which cannot be sent in an HTTP header; ${check.fix}`,
    check.where,
  );
}

/**
 * A header name for an `as-user-extra` key, escaped as client-go does: every byte that is not
 * a token character is percent-encoded, so any key makes a valid header.
 */
export function impersonateExtraHeader(key: string): string {
  const escaped = Array.from(new TextEncoder().encode(key), (byte) => {
    const char = String.fromCharCode(byte);
    return /[A-Za-z0-9!#$&'*+.^_`|~-]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
  return `impersonate-extra-${escaped}`;
}
