import {
  TERMINAL_CLOSE,
  type TerminalClientControl,
  type TerminalEndReason,
  type TerminalServerControl,
  type TerminalSession,
} from '@portolan/api';

/** Why a tab's session is over, in the server's words or the two the client tells itself. */
export type EndReason = TerminalEndReason | 'gone' | 'unknown';

/** What a tab says about its connection. */
export type LinkState =
  | { phase: 'connecting'; attempt: number }
  | { phase: 'connected' }
  /** Waiting until `nextAt` (ms, the link's clock) before attempt `attempt`. */
  | { phase: 'reconnecting'; attempt: number; nextAt: number }
  /** `code` and `params`: the message as a code the console words (terminal-codes.ts), when the server sent one. */
  | {
      phase: 'ended';
      reason: EndReason;
      message: string;
      code?: string;
      params?: Record<string, string | number>;
    }
  /** Another browser (or tab) attached to the session: close code 4001. */
  | { phase: 'elsewhere' }
  /** The session's shell runs on another replica than the one that answered: close code 4009. */
  | { phase: 'other-replica'; replica: string; message: string };

/** The part of the browser's WebSocket the link uses, so tests can hand it a fake. */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string | Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
}

export interface LinkEvents {
  state(state: LinkState): void;
  /** A (re-)attach: the scrollback comes next, so the screen is cleared first (else it doubles). */
  attached(session: TerminalSession, scrollbackBytes: number): void;
  output(bytes: Uint8Array): void;
  /** The session ends at `endsAt` (link clock) unless there is input; undefined: the warning is over. */
  idleWarning(endsAt: number | undefined): void;
  /** The terminal's size now, sent after each attach. */
  size(): { cols: number; rows: number };
}

export interface LinkClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
  /** 0 ≤ x < 1, for jitter. */
  random(): number;
}

const OPEN = 1;
/** A socket that has not said `attached` by then is given up and tried again. */
export const ATTACH_TIMEOUT_MS = 10_000;
/** A ping this often; nothing heard for SILENCE_MS means the connection is dead though not closed. */
export const PING_EVERY_MS = 15_000;
export const SILENCE_MS = 40_000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 30_000;

/** Wait before reconnect attempt n (1-based): doubling from 0.5 s to 30 s, ±20 % so tabs spread out. */
export function backoffMs(attempt: number, random: number): number {
  const plain = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (0.8 + 0.4 * random));
}

const browserClock: LinkClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
};

/**
 * One tab's attach WebSocket to its session: says what is happening at every moment, re-attaches
 * with exponential backoff after a dropped socket (the server keeps the shell for a grace period),
 * pings so a dead connection is noticed rather than hanging, and stops for good when the session
 * ends, is taken by another browser (until "Attach here") or runs on another replica.
 */
export class TerminalLink {
  private socket: SocketLike | undefined;
  private attempt = 0;
  private timers = new Set<unknown>();
  private lastHeard = 0;
  private stopped = false;
  private current: LinkState = { phase: 'connecting', attempt: 0 };
  private readonly encoder = new TextEncoder();

  private readonly url: string;
  private readonly events: LinkEvents;
  private readonly replica: () => string;
  private readonly createSocket: (url: string) => SocketLike;
  private readonly clock: LinkClock;

  constructor(options: {
    url: string;
    events: LinkEvents;
    /** The replica that runs the session, named when another one answers (4009). */
    replica: () => string;
    createSocket?: (url: string) => SocketLike;
    clock?: LinkClock;
  }) {
    this.url = options.url;
    this.events = options.events;
    this.replica = options.replica;
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as SocketLike);
    this.clock = options.clock ?? browserClock;
  }

  get state(): LinkState {
    return this.current;
  }

  /** Connects now (again): the first time, after "Attach here", or "Reconnect now" while waiting. */
  connect(): void {
    this.stopped = false;
    this.clearTimers();
    this.dropSocket();
    this.setState({ phase: 'connecting', attempt: this.attempt });
    const socket = this.createSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    let attached = false;
    this.later(() => {
      if (!attached && this.socket === socket) this.lost(socket);
    }, ATTACH_TIMEOUT_MS);
    socket.onmessage = (event) => {
      this.lastHeard = this.clock.now();
      if (typeof event.data !== 'string') {
        this.events.output(new Uint8Array(event.data as ArrayBuffer));
        return;
      }
      const control = parseControl(event.data);
      if (!control) return;
      if (control.type === 'attached') {
        attached = true;
        this.attempt = 0;
        this.events.idleWarning(undefined);
        this.events.attached(control.session, control.scrollbackBytes);
        this.setState({ phase: 'connected' });
        this.sendControl({ type: 'resize', ...this.events.size() });
        this.keepAlive(socket);
      } else if (control.type === 'idle-warning') {
        this.events.idleWarning(this.clock.now() + control.secondsLeft * 1000);
      } else if (control.type === 'ended') {
        this.finish({
          phase: 'ended',
          reason: control.reason,
          message: control.message,
          ...(control.code ? { code: control.code, params: control.params ?? {} } : {}),
        });
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.closed(socket, event.code, event.reason);
    };
    socket.onerror = () => undefined; // a close event follows and says what to do
  }

  /** Typed or pasted text. Lost while not connected: the screen shows why. */
  input(text: string): void {
    if (this.sendRaw(this.encoder.encode(text))) this.events.idleWarning(undefined);
  }

  resize(cols: number, rows: number): void {
    this.sendControl({ type: 'resize', cols, rows });
  }

  /** "Stay connected": counts as input without typing. */
  stayConnected(): void {
    if (this.sendControl({ type: 'activity' })) this.events.idleWarning(undefined);
  }

  /** The tab goes (closed, or the page unloads): no more reconnecting; the session itself stays. */
  dispose(): void {
    this.stopped = true;
    this.clearTimers();
    this.dropSocket();
  }

  private closed(socket: SocketLike, code: number, reason: string): void {
    if (this.stopped) return;
    const final = finalState(code, reason, this.replica);
    if (final) this.finish(final);
    else this.lost(socket);
  }

  /** The connection dropped (or went silent): try again after a growing wait. */
  private lost(socket: SocketLike): void {
    if (this.stopped) return;
    if (this.socket === socket) this.dropSocket();
    this.clearTimers();
    this.attempt += 1;
    const wait = backoffMs(this.attempt, this.clock.random());
    this.setState({ phase: 'reconnecting', attempt: this.attempt, nextAt: this.clock.now() + wait });
    this.later(() => this.connect(), wait);
  }

  /** The end of this link: no reconnect; the tab offers what to do next. */
  private finish(state: LinkState): void {
    this.stopped = true;
    this.clearTimers();
    this.dropSocket();
    this.events.idleWarning(undefined);
    this.setState(state);
  }

  private keepAlive(socket: SocketLike): void {
    const tick = () => {
      if (this.socket !== socket) return;
      if (this.clock.now() - this.lastHeard > SILENCE_MS) {
        this.lost(socket);
        return;
      }
      this.sendControl({ type: 'ping' });
      this.later(tick, PING_EVERY_MS);
    };
    this.later(tick, PING_EVERY_MS);
  }

  private sendControl(control: TerminalClientControl): boolean {
    if (this.socket?.readyState !== OPEN || this.current.phase !== 'connected') return false;
    this.socket.send(JSON.stringify(control));
    return true;
  }

  private sendRaw(bytes: Uint8Array<ArrayBuffer>): boolean {
    if (this.socket?.readyState !== OPEN || this.current.phase !== 'connected') return false;
    this.socket.send(bytes);
    return true;
  }

  private setState(state: LinkState): void {
    this.current = state;
    this.events.state(state);
  }

  private later(run: () => void, ms: number): void {
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private clearTimers(): void {
    for (const timer of this.timers) this.clock.clearTimeout(timer);
    this.timers.clear();
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    socket.onclose = null;
    socket.onmessage = null;
    socket.close(1000);
  }
}

/** What a close code says when it is the end of the link; undefined: the connection dropped. */
function finalState(code: number, reason: string, replica: () => string): LinkState | undefined {
  switch (code) {
    case TERMINAL_CLOSE.ended:
      return { phase: 'ended', reason: 'unknown', message: reason };
    case TERMINAL_CLOSE.revoked:
      return { phase: 'ended', reason: 'revoked', message: reason };
    case TERMINAL_CLOSE.notFound:
      return { phase: 'ended', reason: 'gone', message: reason };
    case TERMINAL_CLOSE.attachedElsewhere:
      return { phase: 'elsewhere' };
    case TERMINAL_CLOSE.otherReplica:
      return { phase: 'other-replica', replica: replica(), message: reason };
    default:
      return undefined;
  }
}

function parseControl(text: string): TerminalServerControl | undefined {
  try {
    const value = JSON.parse(text) as { type?: unknown };
    return typeof value?.type === 'string' ? (value as TerminalServerControl) : undefined;
  } catch {
    return undefined;
  }
}
