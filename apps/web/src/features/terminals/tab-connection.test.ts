import assert from 'node:assert/strict';
import test from 'node:test';
import type { TerminalSession } from '@portolan/api';
import { type ConnectionView, TabConnection } from './tab-connection.ts';
import type { LinkState, SocketLike } from './terminal-link.ts';

const SESSION = {
  id: 's1',
  cluster: 'dev',
  createdAt: '2026-01-01T00:00:00Z',
  lastInputAt: '2026-01-01T00:00:00Z',
  idleTimeoutSeconds: 900,
  replica: 'r1',
  attached: true,
} satisfies TerminalSession;

function fakeSocket() {
  const socket: SocketLike & { sent: unknown[] } = {
    binaryType: 'blob',
    readyState: 0,
    sent: [],
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
    send(data) {
      this.sent.push(data);
    },
    close() {},
  };
  return socket;
}

function recordingView(size = { cols: 120, rows: 40 }) {
  const seen: string[] = [];
  const states: LinkState[] = [];
  const view: ConnectionView = {
    state: (state) => states.push(state),
    reset: () => seen.push('reset'),
    write: (bytes) => seen.push(new TextDecoder().decode(bytes)),
    idleWarning: () => undefined,
    size: () => size,
  };
  return { view, seen, states };
}

test('output that comes before the terminal is drawn is kept and written once it binds', () => {
  const socket = fakeSocket();
  const connection = new TabConnection({
    url: 'ws://x',
    replica: () => 'r1',
    initialSize: { cols: 100, rows: 20 },
    createSocket: () => socket,
  });
  connection.link.connect();
  Object.assign(socket, { readyState: 1 });
  socket.onmessage?.({ data: JSON.stringify({ type: 'attached', session: SESSION, scrollbackBytes: 4 }) });
  // Sent on attach with the size asked for when opening: there is no terminal yet.
  assert.deepEqual(JSON.parse(socket.sent[0] as string), { type: 'resize', cols: 100, rows: 20 });
  socket.onmessage?.({ data: new TextEncoder().encode('dev:~$ ').buffer });

  const { view, seen, states } = recordingView();
  const unbind = connection.bind(view);
  assert.deepEqual(seen, ['reset', 'dev:~$ ']);
  assert.deepEqual(states, [{ phase: 'connected' }]);
  assert.deepEqual(JSON.parse(socket.sent.at(-1) as string), { type: 'resize', cols: 120, rows: 40 });
  socket.onmessage?.({ data: new TextEncoder().encode('ls\r\n').buffer });
  assert.deepEqual(seen.at(-1), 'ls\r\n');
  unbind();
  socket.onmessage?.({ data: new TextEncoder().encode('later').buffer });
  assert.equal(seen.length, 3, 'an unbound terminal gets nothing more');
  connection.link.dispose();
});
