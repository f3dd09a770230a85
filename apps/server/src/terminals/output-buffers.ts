/**
 * The last `capacity` bytes a terminal printed: what a browser that attaches again is sent first, so
 * it sees the screen it left. Chunks are kept as they came and the oldest dropped (or cut) once the
 * sum passes the capacity; nothing is copied until it is read.
 */
export class Scrollback {
  private chunks: Buffer[] = [];
  private size = 0;
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  push(chunk: Buffer): void {
    if (chunk.length >= this.capacity) {
      this.chunks = [chunk.subarray(chunk.length - this.capacity)];
      this.size = this.capacity;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.capacity) {
      const oldest = this.chunks[0] as Buffer;
      const over = this.size - this.capacity;
      if (oldest.length <= over) {
        this.chunks.shift();
        this.size -= oldest.length;
      } else {
        this.chunks[0] = oldest.subarray(over);
        this.size -= over;
      }
    }
  }

  read(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }

  get length(): number {
    return this.size;
  }
}

/**
 * Everything a terminal printed from its start, up to `limit` bytes, then a line saying the rest was
 * not kept. Input is not recorded apart: the shell echoes what is typed (a password prompt does not).
 */
export class Transcript {
  private chunks: Buffer[] = [];
  private size = 0;
  private cut = false;
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  push(chunk: Buffer): void {
    if (this.cut) return;
    const room = this.limit - this.size;
    if (chunk.length > room) {
      this.chunks.push(chunk.subarray(0, room));
      this.size += room;
      this.cut = true;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  read(): Buffer {
    const kept = Buffer.concat(this.chunks, this.size);
    if (!this.cut) return kept;
    const note = `\r\n[Portolan: the transcript stops here; it keeps the first ${this.limit} bytes a session prints]\r\n`;
    return Buffer.concat([kept, Buffer.from(note)]);
  }
}
