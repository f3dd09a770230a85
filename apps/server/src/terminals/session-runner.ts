/**
 * Where a web terminal's shell runs. The first runner is a local sandbox (bubblewrap on the Portolan
 * host, local-sandbox-runner.ts); a later one may run the shell as a pod in the member cluster, like
 * CloudTTY. Session bookkeeping (terminal-sessions.ts) knows only this interface.
 */

/** What a shell is started with. The runner never sees a Portolan or cluster credential but this token's. */
export interface ShellSpec {
  /** The session's id: names its home and shows in process lists. */
  sessionId: string;
  /** The cluster's name: shown in the prompt. */
  cluster: string;
  /** A kubeconfig pointing at Portolan's proxy for this cluster with the session's short-lived token. */
  kubeconfig: string;
  cols: number;
  rows: number;
}

export interface ShellExit {
  code: number | null;
  signal: string | null;
}

/** A file in the session's home, path relative to it with '/' between folders. */
export interface HomeFile {
  path: string;
  size: number;
  modifiedAt: Date;
}

/**
 * The session's home as the server sees it. Every path is relative to the home; one that climbs out,
 * is absolute, or passes through a symbolic link is refused (TerminalFileError).
 */
export interface SessionHome {
  /** Regular files, depth-first, at most `limit` of them. */
  list(limit: number): Promise<HomeFile[]>;
  /** The file's bytes; refused above `maxBytes`. */
  read(path: string, maxBytes: number): Promise<Buffer>;
  /** Creates or replaces the file (folders made as needed), owned by the shell's account. */
  write(path: string, content: Buffer): Promise<HomeFile>;
}

export interface ShellProcess {
  /** Terminal output as it comes (bytes, not lines). Returns a function that stops listening. */
  onData(listener: (chunk: Buffer) => void): () => void;
  /** Called once when the shell and its sandbox have ended. */
  onExit(listener: (exit: ShellExit) => void): void;
  write(input: Buffer | string): void;
  resize(cols: number, rows: number): void;
  readonly home: SessionHome;
  /** Ends the shell and everything it started and removes its home; resolves once all are gone. */
  close(): Promise<void>;
}

export interface SessionRunner {
  readonly kind: 'local-sandbox' | 'pod';
  /**
   * Why this runner cannot start shells here, in words that say how to fix it (install bubblewrap,
   * allow user namespaces…), or undefined when it can.
   */
  unavailable(): Promise<string | undefined>;
  start(spec: ShellSpec): Promise<ShellProcess>;
}

/** A home path that is not allowed, or a file too big or missing; `status` is the HTTP answer. */
export class TerminalFileError extends Error {
  readonly status: 400 | 404 | 413;
  constructor(status: 400 | 404 | 413, message: string) {
    super(message);
    this.status = status;
    this.name = 'TerminalFileError';
  }
}
