import assert from 'node:assert/strict';
import test from 'node:test';
import type { TerminalSession } from '@portolan/api';
import {
  ATTACH_TIMEOUT_MS,
  backoffMs,
  type LinkClock,
  type LinkState,
  PING_EVERY_MS,
  type SocketLike,
  TerminalLink,
} from './terminal-link.ts';

class FakeSocket implements SocketLike {
  binaryType = 'blob';
  readyState = 0;
  sent: (string | Uint8Array)[] = [];
  closedWith: number | undefined;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  send(data: string | Uint8Array) {
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  /** The server's side. */
  attach() {
    this.readyState = 1;
    this.onopen?.({});
    this.onmessage?.({ data: JSON.stringify({ type: 'attached', session: SESSION, scrollbackBytes: 3 }) });
  }
  control(value: unknown) {
    this.onmessage?.({ data: JSON.stringify(value) });
  }
  drop(code: number, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  controls() {
    return this.sent
      .filter((item): item is string => typeof item === 'string')
      .map((item) => JSON.parse(item));
  }
}

const SESSION: TerminalSession = {
  id: 's1',
  cluster: 'dev',
  createdAt: '2026-01-01T00:00:00Z',
  lastInputAt: '2026-01-01T00:00:00Z',
  idleTimeoutSeconds: 900,
  replica: 'replica-a',
  attached: true,
};

/** Time that moves only when the test says. */
function fakeClock(): LinkClock & { advance(ms: number): void } {
  let now = 1_000;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let next = 0;
  return {
    now: () => now,
    random: () => 0.5,
    setTimeout(run, ms) {
      const id = ++next;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout(id) {
      timers = timers.filter((timer) => timer.id !== id);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        now = due.at;
        due.run();
      }
      now = until;
    },
  };
}

function setUp() {
  const clock = fakeClock();
  const sockets: FakeSocket[] = [];
  const states: LinkState[] = [];
  const output: string[] = [];
  const log: string[] = [];
  let warning: number | undefined;
  const link = new TerminalLink({
    url: 'ws://x/api/v1/terminals/s1/attach',
    events: {
      state: (state) => states.push(state),
      attached: () => log.push('attached: clear the screen'),
      output: (bytes) => output.push(new TextDecoder().decode(bytes)),
      idleWarning: (endsAt) => {
        warning = endsAt;
      },
      size: () => ({ cols: 100, rows: 30 }),
    },
    replica: () => 'replica-b',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    clock,
  });
  return { clock, sockets, states, output, log, link, warning: () => warning, last: () => states.at(-1) };
}

test('backoff doubles from half a second up to 30 s, with jitter around it', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 7, 20].map((n) => backoffMs(n, 0.5)),
    [500, 1000, 2000, 4000, 30000, 30000],
  );
  assert.equal(backoffMs(1, 0), 400);
  assert.equal(backoffMs(1, 0.999), 600);
});

test('attach: connecting, then connected with the size sent; output and input go through', () => {
  const { sockets, link, last, output, log } = setUp();
  link.connect();
  assert.deepEqual(last(), { phase: 'connecting', attempt: 0 });
  const socket = sockets[0] as FakeSocket;
  socket.attach();
  assert.deepEqual(last(), { phase: 'connected' });
  assert.deepEqual(log, ['attached: clear the screen']);
  assert.deepEqual(socket.controls(), [{ type: 'resize', cols: 100, rows: 30 }]);
  socket.onmessage?.({ data: new TextEncoder().encode('$ ').buffer });
  assert.deepEqual(output, ['$ ']);
  link.input('ls\r');
  assert.equal(new TextDecoder().decode(socket.sent.at(-1) as Uint8Array), 'ls\r');
});

test('a dropped socket reconnects with growing waits and says which attempt comes when', () => {
  const { clock, sockets, link, last, states } = setUp();
  link.connect();
  (sockets[0] as FakeSocket).attach();
  (sockets[0] as FakeSocket).drop(1006);
  assert.deepEqual(last(), { phase: 'reconnecting', attempt: 1, nextAt: 1_500 });
  clock.advance(500);
  assert.deepEqual(last(), { phase: 'connecting', attempt: 1 });
  (sockets[1] as FakeSocket).drop(1006);
  assert.deepEqual(last(), { phase: 'reconnecting', attempt: 2, nextAt: 2_500 });
  clock.advance(1_000);
  (sockets[2] as FakeSocket).attach();
  assert.deepEqual(last(), { phase: 'connected' });
  assert.equal(sockets.length, 3);
  // Connected again, the count starts over.
  (sockets[2] as FakeSocket).drop(1011);
  assert.deepEqual(last(), { phase: 'reconnecting', attempt: 1, nextAt: 3_000 });
  assert.ok(states.length > 5);
});

test('a socket that never says attached, or goes silent, is given up and tried again', () => {
  const { clock, sockets, link, last, states } = setUp();
  link.connect();
  clock.advance(ATTACH_TIMEOUT_MS);
  assert.equal(last()?.phase, 'reconnecting');
  assert.equal((sockets[0] as FakeSocket).closedWith, 1000);
  clock.advance(500);
  const second = sockets[1] as FakeSocket;
  second.attach();
  clock.advance(PING_EVERY_MS);
  assert.deepEqual(second.controls().at(-1), { type: 'ping' });
  second.control({ type: 'pong' });
  clock.advance(PING_EVERY_MS * 2);
  assert.equal(last()?.phase, 'connected', 'heard a pong in time');
  const before = states.length;
  clock.advance(PING_EVERY_MS * 2);
  assert.equal(states[before]?.phase, 'reconnecting', 'nothing heard for too long');
  assert.equal(second.closedWith, 1000);
});

test('the end, a revocation, a vanished session, another browser and another replica stop reconnecting', () => {
  const cases: [number, string, LinkState][] = [
    [1008, 'access revoked', { phase: 'ended', reason: 'revoked', message: 'access revoked' }],
    [4004, 'no such session', { phase: 'ended', reason: 'gone', message: 'no such session' }],
    [4001, 'attached elsewhere', { phase: 'elsewhere' }],
    [
      4009,
      'runs on replica-b',
      { phase: 'other-replica', replica: 'replica-b', message: 'runs on replica-b' },
    ],
  ];
  for (const [code, reason, expected] of cases) {
    const { clock, sockets, link, last } = setUp();
    link.connect();
    (sockets[0] as FakeSocket).attach();
    (sockets[0] as FakeSocket).drop(code, reason);
    assert.deepEqual(last(), expected);
    clock.advance(60_000);
    assert.equal(sockets.length, 1, `no reconnect after ${code}`);
  }
  const { sockets, link, last } = setUp();
  link.connect();
  const socket = sockets[0] as FakeSocket;
  socket.attach();
  socket.control({ type: 'ended', reason: 'idle', message: 'no input for 15 minutes' });
  socket.drop(1000);
  assert.deepEqual(last(), { phase: 'ended', reason: 'idle', message: 'no input for 15 minutes' });
});

test('an idle warning counts down to a time and is over on input or "Stay connected"', () => {
  const { sockets, link, warning } = setUp();
  link.connect();
  const socket = sockets[0] as FakeSocket;
  socket.attach();
  socket.control({ type: 'idle-warning', secondsLeft: 60 });
  assert.equal(warning(), 61_000);
  link.stayConnected();
  assert.equal(warning(), undefined);
  assert.deepEqual(socket.controls().at(-1), { type: 'activity' });
  socket.control({ type: 'idle-warning', secondsLeft: 30 });
  link.input('x');
  assert.equal(warning(), undefined);
});

test('"Attach here" after another browser took it connects again; dispose stops everything', () => {
  const { clock, sockets, link, last } = setUp();
  link.connect();
  (sockets[0] as FakeSocket).attach();
  (sockets[0] as FakeSocket).drop(4001);
  link.connect();
  (sockets[1] as FakeSocket).attach();
  assert.deepEqual(last(), { phase: 'connected' });
  link.dispose();
  assert.equal((sockets[1] as FakeSocket).closedWith, 1000);
  clock.advance(120_000);
  assert.equal(sockets.length, 2);
});
