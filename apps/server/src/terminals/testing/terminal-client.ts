/** A browser's side of a web terminal, for tests: open one, attach with `ws`, type, read, wait. */
import assert from 'node:assert/strict';
import type { TerminalServerControl, TerminalSession } from '@portolan/api';
import WebSocket from 'ws';
import type { Harness } from '#server/testing/portolan-harness.ts';

export type Headers = Record<string, string>;

/** Opens a terminal on `cluster` as the caller of `headers`; the answer must be 201. */
export async function openTerminal(
  harness: Harness,
  cluster: string,
  headers: Headers,
): Promise<TerminalSession> {
  const response = await fetch(`${harness.url}/api/v1/clusters/${cluster}/terminals`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ cols: 200, rows: 40 }),
  });
  const text = await response.text();
  assert.equal(response.status, 201, text);
  return JSON.parse(text) as TerminalSession;
}

export interface AttachedTerminal {
  /** Everything printed since attaching (scrollback included), as text. */
  readonly output: string;
  readonly controls: TerminalServerControl[];
  /** Resolves with the close code and reason once the socket closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  type(text: string): void;
  send(control: object): void;
  /** Waits until the output since `from` (a length of `output`) matches `pattern`. */
  waitFor(pattern: RegExp, options?: { from?: number; ms?: number }): Promise<string>;
  waitForControl<T extends TerminalServerControl['type']>(
    type: T,
    ms?: number,
  ): Promise<Extract<TerminalServerControl, { type: T }>>;
  close(): Promise<void>;
}

/** Attaches to a terminal; resolves once the socket is open (before `attached` necessarily arrives). */
export async function attachTerminal(
  harness: Harness,
  id: string,
  headers: Headers,
): Promise<AttachedTerminal> {
  const socket = new WebSocket(`${harness.url.replace(/^http/, 'ws')}/api/v1/terminals/${id}/attach`, {
    headers,
  });
  let output = '';
  const controls: TerminalServerControl[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  socket.on('message', (data: Buffer, isBinary) => {
    if (isBinary) output += data.toString('utf8');
    else controls.push(JSON.parse(data.toString('utf8')) as TerminalServerControl);
    wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      wake();
    }),
  );
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const until = <T>(what: string, ms: number, found: () => T | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${what}: not within ${ms} ms; output so far:\n${output.slice(-2000)}`));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return {
    get output() {
      return output;
    },
    controls,
    closed,
    type: (text) => socket.send(Buffer.from(text), { binary: true }),
    send: (control) => socket.send(JSON.stringify(control)),
    waitFor(pattern, options = {}) {
      return until(`output matching ${pattern}`, options.ms ?? 15_000, () => {
        const match = output.slice(options.from ?? 0).match(pattern);
        return match ? match[0] : undefined;
      });
    },
    waitForControl(type, ms = 15_000) {
      return until(`a ${type} message`, ms, () => controls.find((control) => control.type === type)) as never;
    },
    async close() {
      if (socket.readyState === socket.CLOSED) return;
      socket.close();
      await closed;
    },
  };
}
