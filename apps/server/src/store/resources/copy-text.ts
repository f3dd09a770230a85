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

// Bytes per chunk of COPY data: PostgreSQL takes any size, a bounded one keeps each write small.
const CHUNK_BYTES = 1 << 20;
const TAB = 0x09;
const NEWLINE = 0x0a;

/**
 * Rows as COPY text, written value by value into chunks of about a megabyte: a large value (an
 * object's JSON) goes from its own string into the chunk, never first joined into a line that would
 * be copied once more and left to the garbage collector.
 */
export class CopyChunks {
  readonly chunks: Buffer[] = [];
  #buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  #at = 0;

  add(values: CopyValue[]): void {
    for (let i = 0; i < values.length; i++) {
      const text = copyValue(values[i] ?? null);
      // UTF-8 takes at most 3 bytes a UTF-16 unit; room for the tab or newline after it.
      this.#room(text.length * 3 + 1);
      this.#at += this.#buffer.write(text, this.#at, 'utf8');
      this.#buffer[this.#at++] = i === values.length - 1 ? NEWLINE : TAB;
    }
  }

  /** The chunks of every row added. */
  done(): Buffer[] {
    if (this.#at > 0) this.chunks.push(this.#buffer.subarray(0, this.#at));
    this.#buffer = Buffer.alloc(0);
    this.#at = 0;
    return this.chunks;
  }

  #room(bytes: number): void {
    if (this.#at + bytes <= this.#buffer.length) return;
    if (this.#at > 0) this.chunks.push(this.#buffer.subarray(0, this.#at));
    this.#buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    this.#at = 0;
  }
}
