/**
 * PostgreSQL's COPY text format: one line a row, columns apart by a tab, `\N` for null, and a
 * backslash, tab, newline or carriage return inside a value written as its backslash escape (every
 * other character, any unicode among them, goes as it is). Values reach PostgreSQL byte for byte.
 */
export type CopyValue = string | number | null;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value as COPY text reads it back. */
export function copyValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`COPY: ${value} is not a number PostgreSQL can store`);
    return String(value);
  }
  // Most values (names, JSON without a backslash) have nothing to escape: tested once, kept as they are.
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c] as string) : value;
}

/** One row: its values in the columns' order, ended by a newline. */
export function copyLine(values: CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyValue(values[i] ?? null);
  return `${line}\n`;
}
