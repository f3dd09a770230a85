import type { TerminalEndReason, TerminalServerControl, TerminalSession } from '@portolan/api';
import type { Clock } from '#server/time/clock.ts';
import type { EndSaid } from './end-messages.ts';
import { Scrollback, Transcript } from './output-buffers.ts';
import type { ShellProcess } from './session-runner.ts';

/** The last output kept for a browser that attaches again. */
export const SCROLLBACK_BYTES = 256 * 1024;
/** The most of a session's output a transcript keeps. */
export const TRANSCRIPT_BYTES = 8 * 1024 * 1024;
/** The idle warning goes out this long before the idle timeout ends the session. */
export const IDLE_WARNING_MS = 60_000;

/** The browser attached to a session, as the session sees it (terminal-socket.ts joins a WebSocket). */
export interface TerminalViewer {
  output(chunk: Buffer): void;
  control(message: TerminalServerControl): void;
  close(code: number, reason: string): void;
}

export interface SessionOwner {
  userId: string;
  username: string;
}

export interface TerminalSessionOptions {
  id: string;
  owner: SessionOwner;
  cluster: string;
  replica: string;
  process: ShellProcess;
  clock: Clock;
  idleTimeoutMs: number;
  detachGraceMs: number;
  transcript: boolean;
  /** Called once, when the session must end for `reason` (idle, detached, exit). */
  onEnd: (reason: TerminalEndReason) => void;
}

/**
 * One open terminal: its shell, what it printed lately, who is watching, and the clocks that end it
 * (no input for the idle timeout, nobody attached for the detach grace). It does not end itself:
 * it asks `onEnd`, and the session list (terminal-sessions.ts) ends it, records it and lets it go.
 */
export class OpenTerminal {
  readonly id: string;
  readonly owner: SessionOwner;
  readonly cluster: string;
  readonly replica: string;
  readonly createdAt: Date;
  readonly process: ShellProcess;
  lastInputAt: Date;
  bytesIn = 0;
  bytesOut = 0;
  ended = false;
  private viewer: TerminalViewer | undefined;
  private readonly scrollback = new Scrollback(SCROLLBACK_BYTES);
  private readonly transcript: Transcript | undefined;
  private idleWarning: NodeJS.Timeout | undefined;
  private idleEnd: NodeJS.Timeout | undefined;
  private detachEnd: NodeJS.Timeout | undefined;
  private readonly options: TerminalSessionOptions;

  constructor(options: TerminalSessionOptions) {
    this.options = options;
    this.id = options.id;
    this.owner = options.owner;
    this.cluster = options.cluster;
    this.replica = options.replica;
    this.process = options.process;
    this.createdAt = options.clock();
    this.lastInputAt = this.createdAt;
    this.transcript = options.transcript ? new Transcript(TRANSCRIPT_BYTES) : undefined;
    options.process.onData((chunk) => {
      this.bytesOut += chunk.length;
      this.scrollback.push(chunk);
      this.transcript?.push(chunk);
      this.viewer?.output(chunk);
    });
    options.process.onExit(() => this.options.onEnd('exit'));
    this.resetIdle();
    // The browser that opened it attaches next; if it never does, the session goes after the grace.
    this.startDetachGrace();
  }

  view(): TerminalSession {
    return {
      id: this.id,
      cluster: this.cluster,
      createdAt: this.createdAt.toISOString(),
      lastInputAt: this.lastInputAt.toISOString(),
      idleTimeoutSeconds: Math.round(this.options.idleTimeoutMs / 1000),
      replica: this.replica,
      attached: this.viewer !== undefined,
    };
  }

  /** A newer browser replaces the one attached (closed 4001, it may attach again). */
  attach(viewer: TerminalViewer): void {
    const previous = this.viewer;
    this.viewer = viewer;
    if (previous) previous.close(4001, 'attached elsewhere');
    clearTimeout(this.detachEnd);
    const scrollback = this.scrollback.read();
    viewer.control({ type: 'attached', session: this.view(), scrollbackBytes: scrollback.length });
    if (scrollback.length > 0) viewer.output(scrollback);
  }

  /** The browser left (or was replaced): without another, the session ends after the grace. */
  detach(viewer: TerminalViewer): void {
    if (this.viewer !== viewer) return;
    this.viewer = undefined;
    if (!this.ended) this.startDetachGrace();
  }

  input(data: Buffer): void {
    if (this.ended) return;
    this.bytesIn += data.length;
    this.activity();
    this.process.write(data);
  }

  /** Input, or "stay connected" after a warning: the idle clock starts again. */
  activity(): void {
    this.lastInputAt = this.options.clock();
    this.resetIdle();
  }

  resize(cols: number, rows: number): void {
    if (!this.ended) this.process.resize(cols, rows);
  }

  /** What the shell printed, when transcripts are on. */
  transcriptBytes(): Buffer | undefined {
    return this.transcript?.read();
  }

  /** Stops the clocks and tells the attached browser why it ended; the list closes the shell. */
  finish(reason: TerminalEndReason, said: string | EndSaid): void {
    this.ended = true;
    clearTimeout(this.idleWarning);
    clearTimeout(this.idleEnd);
    clearTimeout(this.detachEnd);
    const viewer = this.viewer;
    this.viewer = undefined;
    if (!viewer) return;
    viewer.control(
      typeof said === 'string'
        ? { type: 'ended', reason, message: said }
        : { type: 'ended', reason, message: said.message, code: said.code, params: said.params },
    );
    viewer.close(reason === 'revoked' ? 1008 : 1000, reason);
  }

  private resetIdle(): void {
    clearTimeout(this.idleWarning);
    clearTimeout(this.idleEnd);
    const timeout = this.options.idleTimeoutMs;
    // A timeout shorter than two warnings (a test's few seconds) warns halfway.
    const warnAfter = timeout > 2 * IDLE_WARNING_MS ? timeout - IDLE_WARNING_MS : timeout / 2;
    const secondsLeft = Math.round((timeout - warnAfter) / 1000);
    this.idleWarning = setTimeout(
      () => this.viewer?.control({ type: 'idle-warning', secondsLeft }),
      warnAfter,
    );
    this.idleEnd = setTimeout(() => this.options.onEnd('idle'), timeout);
    this.idleWarning.unref();
    this.idleEnd.unref();
  }

  private startDetachGrace(): void {
    clearTimeout(this.detachEnd);
    this.detachEnd = setTimeout(() => this.options.onEnd('detached'), this.options.detachGraceMs);
    this.detachEnd.unref();
  }
}
