import { randomBytes } from 'node:crypto';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../schema.ts';

/** The parts of pg's connection a COPY FROM STDIN uses (pg's own Connection has them all). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

// Bytes per CopyData message: PostgreSQL takes any size, a bounded one keeps each write small.
const CHUNK_BYTES = 1 << 20;

/**
 * `COPY … FROM STDIN` as a query of pg's client (its Submittable protocol): sends `lines` as the
 * data when PostgreSQL asks for it and settles with the rows copied, or with PostgreSQL's error.
 */
class CopyIn {
  readonly #text: string;
  readonly #lines: string[];
  readonly done: Promise<number>;
  #resolve: (rows: number) => void = () => undefined;
  #reject: (error: Error) => void = () => undefined;
  #rows = 0;

  constructor(text: string, lines: string[]) {
    this.#text = text;
    this.#lines = lines;
    this.done = new Promise<number>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  submit(connection: CopyConnection): void {
    connection.query(this.#text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    let chunk = '';
    for (const line of this.#lines) {
      chunk += line;
      if (chunk.length >= CHUNK_BYTES) {
        connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
        chunk = '';
      }
    }
    if (chunk) connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    this.#rows = Number(/^COPY (\d+)/.exec(message.text ?? '')?.[1] ?? 0);
  }

  handleReadyForQuery(): void {
    this.#resolve(this.#rows);
  }

  handleError(error: Error): void {
    this.#reject(error);
  }

  // Messages a COPY FROM never gets; pg's client calls them on whatever query is active.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handleCopyData(): void {}
  handlePortalSuspended(): void {}
}

/** Runs COPY statements on the connection of a transaction, inside that transaction. */
export interface CopyRunner {
  /**
   * Runs `statement` (a query of one row per item, such as new ids) in the transaction and answers
   * its rows, with a `copy` that sends COPY data on the same connection; undefined when the pool
   * does not know the connection (a client other than pg's).
   */
  withConnection<R>(
    trx: Transaction<Database>,
    statement: RawBuilder<R>,
  ): Promise<{ rows: R[]; copy: (text: string, lines: string[]) => Promise<number> } | undefined>;
}

const MARK = '/* portolan-copy ';

/**
 * Lets a transaction of `pool`'s Kysely send COPY data on its own connection, which Kysely keeps to
 * itself: every client of the pool notes which connection ran a statement marked with a one-time
 * token (a comment heading the statement), and the transaction then copies on that client. The
 * data goes inside the transaction, so it commits or rolls back with the rest of it.
 */
export function copyRunner(pool: pg.Pool): CopyRunner {
  const marked = new Map<string, pg.PoolClient>();
  const watched = new WeakSet<pg.PoolClient>();
  // On every checkout, so the connections opened before this runner (migrations) are watched too.
  pool.on('acquire', (client) => {
    if (watched.has(client)) return;
    watched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((config: unknown, ...rest: unknown[]) => {
      if (typeof config === 'string' && config.startsWith(MARK))
        marked.set(config.slice(MARK.length, config.indexOf(' */')), client);
      return query(config, ...rest);
    }) as typeof client.query;
  });
  return {
    async withConnection(trx, statement) {
      const token = randomBytes(9).toString('hex');
      try {
        const { rows } = await sql<never>`${sql.raw(`${MARK}${token} */`)} ${statement}`.execute(trx);
        const client = marked.get(token);
        if (!client) return undefined;
        const copy = (text: string, lines: string[]) => {
          const query = new CopyIn(text, lines);
          client.query(query as unknown as pg.Submittable);
          return query.done;
        };
        return { rows, copy };
      } finally {
        marked.delete(token);
      }
    },
  };
}
