/**
 * Messages between Portolan replicas that share one database (PostgreSQL LISTEN/NOTIFY). Delivery is
 * at most once and only while listening: a replica that is away misses what was sent meanwhile.
 */
export interface Notices {
  /** The largest message, in UTF-8 bytes, that `send` takes. */
  readonly maxBytes: number;
  /** Sends the messages, in this order, to every listener on the channel (this process's included). */
  send(messages: string[]): Promise<void>;
  /** Calls `receive` with every message sent on the channel from now on, in the order sent. */
  listen(receive: (message: string) => void): Promise<void>;
  /** Stops listening and closes the connections. */
  close(): Promise<void>;
}
