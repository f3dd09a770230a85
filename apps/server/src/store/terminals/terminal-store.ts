/**
 * Web terminal sessions in the database: one row from the moment a shell starts, ended once. The
 * session bookkeeping (terminals/terminal-sessions.ts) is what the rest of the server uses. Times are
 * passed in by the caller, never read here.
 */
export interface StoredTerminal {
  id: string;
  user: { id: string; name: string };
  cluster: string;
  /** The replica whose sandbox runs (or ran) the shell. */
  replica: string;
  startedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  bytesIn: number;
  bytesOut: number;
  hasTranscript: boolean;
}

export interface TerminalQuery {
  userId?: string;
  cluster?: string;
  /** 1–500; 50 by default. */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

export interface TerminalEnd {
  at: Date;
  reason: string;
  bytesIn: number;
  bytesOut: number;
  /** What the shell printed, when transcripts are on. */
  transcript?: Buffer;
}

export interface TerminalStore {
  start(row: Pick<StoredTerminal, 'id' | 'user' | 'cluster' | 'replica' | 'startedAt'>): Promise<void>;
  /** The byte counts of an open session so far (written every minute or so). */
  count(id: string, bytesIn: number, bytesOut: number): Promise<void>;
  /** Ends an open session; false when it had already ended (then nothing changes). */
  end(id: string, end: TerminalEnd): Promise<boolean>;
  get(id: string): Promise<StoredTerminal | undefined>;
  /** The transcript's bytes; undefined when there is no such session or it has none. */
  transcript(id: string): Promise<Buffer | undefined>;
  /** Newest first, a page at a time. */
  list(query: TerminalQuery): Promise<{ items: StoredTerminal[]; nextCursor: string | null }>;
  /** How many sessions of this user are open on replicas other than `replica` (the per-user limit). */
  openElsewhere(userId: string, replica: string): Promise<number>;
  /** Open sessions started before `before` whose replica is not among `live`. */
  orphans(live: string[], before: Date): Promise<StoredTerminal[]>;
  /** Deletes sessions (and transcripts) that ended before `before`; answers how many went. */
  prune(before: Date): Promise<number>;
}
