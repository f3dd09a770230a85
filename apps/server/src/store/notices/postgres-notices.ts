import pg from 'pg';
import type { Notices } from './notices.ts';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more (with the default block size). */
const MAX_PAYLOAD_BYTES = 7_999;

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Notices over PostgreSQL: one connection listens (opened again after it drops, since a replica
 * without it would stop hearing the others), a small pool sends. A channel reaches every session
 * of the same database, so its name carries the schema in use: Portolans in other schemas of the
 * same database (another installation) do not hear each other.
 */
export function createPostgresNotices(options: {
  url: string;
  /** The channel's name before the schema's. */
  channel: string;
  /** Told when the listening connection drops and when it is back. */
  onListenerProblem?: (error: Error) => void;
  reconnectMs?: number;
}): Notices {
  const senders = new pg.Pool({ connectionString: options.url, max: 2 });
  // An idle sender whose connection the server ends (a restart, the database dropped) is an error
  // event on the pool: unheard, it would end the process. The pool opens another when next needed.
  senders.on('error', (error) => {
    if (!closed) options.onListenerProblem?.(error);
  });
  let listener: pg.Client | undefined;
  let receive: ((message: string) => void) | undefined;
  let closed = false;
  let reconnect: NodeJS.Timeout | undefined;
  let named: Promise<string> | undefined;
  const channelName = () => {
    named ??= senders
      .query<{ schema: string }>('select current_schema() as schema')
      .then(({ rows }) => `${options.channel}:${rows[0]?.schema ?? ''}`);
    return named;
  };

  async function connect(): Promise<void> {
    const channel = await channelName();
    const client = new pg.Client({ connectionString: options.url });
    client.on('notification', (notice) => {
      if (notice.channel === channel && notice.payload !== undefined) receive?.(notice.payload);
    });
    client.on('error', (error) => dropped(client, error));
    client.on('end', () => dropped(client, new Error('the listening connection to PostgreSQL ended')));
    await client.connect();
    await client.query(`listen ${quoteIdentifier(channel)}`);
    // Closed while connecting: this connection is nobody's to end later.
    if (closed) return void (await client.end().catch(() => undefined));
    listener = client;
  }

  function dropped(client: pg.Client, error: Error): void {
    if (closed || listener !== client) return;
    listener = undefined;
    void client.end().catch(() => undefined);
    options.onListenerProblem?.(error);
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (closed || reconnect) return;
    reconnect = setTimeout(() => {
      reconnect = undefined;
      connect().catch((error: unknown) => {
        options.onListenerProblem?.(error as Error);
        scheduleReconnect();
      });
    }, options.reconnectMs ?? 1_000);
    reconnect.unref();
  }

  return {
    maxBytes: MAX_PAYLOAD_BYTES,
    async send(messages) {
      if (messages.length === 0) return;
      // One statement: the notices of one transaction arrive together and in order.
      await senders.query('select pg_notify($1, message) from unnest($2::text[]) as message', [
        await channelName(),
        messages,
      ]);
    },
    async listen(onMessage) {
      receive = onMessage;
      if (!listener) await connect();
    },
    async close() {
      closed = true;
      clearTimeout(reconnect);
      receive = undefined;
      const client = listener;
      listener = undefined;
      await Promise.all([client?.end().catch(() => undefined), senders.end()]);
    },
  };
}
