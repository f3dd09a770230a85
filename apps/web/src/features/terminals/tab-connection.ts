import type { LinkClock, LinkState, SocketLike } from './terminal-link.ts';
import { TerminalLink } from './terminal-link.ts';

/** What shows a tab's connection: its xterm.js terminal, once that exists. */
export interface ConnectionView {
  state(state: LinkState): void;
  /** Clears the screen: the scrollback follows. */
  reset(): void;
  write(bytes: Uint8Array): void;
  idleWarning(endsAt: number | undefined): void;
  size(): { cols: number; rows: number };
}

/** More output than the server's scrollback (256 KiB) is not kept for a terminal not drawn yet. */
const PENDING_LIMIT = 1024 * 1024;

/**
 * A tab's attach connection, started as soon as the server has opened the session, before the
 * terminal that shows it is drawn (xterm.js loads with the dock): output that comes first is kept
 * and written once the terminal binds, so the click-to-prompt path does not wait for the drawing.
 */
export class TabConnection {
  readonly link: TerminalLink;
  private view: ConnectionView | undefined;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private warning: number | undefined;
  private readonly initialSize: { cols: number; rows: number };

  constructor(options: {
    url: string;
    replica: () => string;
    /** The size asked for when opening, sent on attach until a terminal says its own. */
    initialSize: { cols: number; rows: number };
    createSocket?: (url: string) => SocketLike;
    clock?: LinkClock;
  }) {
    this.initialSize = options.initialSize;
    this.link = new TerminalLink({
      url: options.url,
      replica: options.replica,
      ...(options.createSocket ? { createSocket: options.createSocket } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      events: {
        state: (state) => this.view?.state(state),
        attached: () => {
          this.pending = [];
          this.pendingBytes = 0;
          this.view?.reset();
        },
        output: (bytes) => {
          if (this.view) return this.view.write(bytes);
          this.pending.push(bytes);
          this.pendingBytes += bytes.length;
          while (this.pendingBytes > PENDING_LIMIT && this.pending.length > 1)
            this.pendingBytes -= this.pending.shift()?.length ?? 0;
        },
        idleWarning: (endsAt) => {
          this.warning = endsAt;
          this.view?.idleWarning(endsAt);
        },
        size: () => this.view?.size() ?? this.initialSize,
      },
    });
  }

  /** The terminal that shows the connection from now on: it gets what came before, then the rest. */
  bind(view: ConnectionView): () => void {
    this.view = view;
    view.reset();
    for (const chunk of this.pending) view.write(chunk);
    this.pending = [];
    this.pendingBytes = 0;
    view.state(this.link.state);
    view.idleWarning(this.warning);
    const { cols, rows } = view.size();
    this.link.resize(cols, rows);
    return () => {
      if (this.view === view) this.view = undefined;
    };
  }
}
