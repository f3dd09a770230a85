import type { TerminalClientControl } from '@portolan/api';
import type { RawData, WebSocket } from 'ws';
import type { OpenTerminal, TerminalViewer } from '#server/terminals/terminal-session.ts';

/** The server pings this often; a browser that has not answered the previous ping is gone. */
export const KEEPALIVE_MS = 20_000;

const asBuffer = (data: RawData): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);

/** A text frame that is one JSON control message, else undefined (then it is input). */
function controlOf(text: string): TerminalClientControl | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text) as { type?: unknown; cols?: unknown; rows?: unknown };
    if (value.type === 'activity' || value.type === 'ping') return { type: value.type };
    if (value.type === 'resize' && Number.isInteger(value.cols) && Number.isInteger(value.rows))
      return { type: 'resize', cols: value.cols as number, rows: value.rows as number };
  } catch {
    // Not JSON: typed text that happens to start with a brace.
  }
  return undefined;
}

/**
 * Joins a browser's WebSocket to an open terminal (the protocol of @portolan/api terminals.ts):
 * binary frames both ways are the terminal's bytes, text frames are JSON control messages (or
 * typed text when they are not one). The session outlives the socket: closing it only detaches.
 */
export function joinSocket(socket: WebSocket, terminal: OpenTerminal): void {
  const viewer: TerminalViewer = {
    output(chunk) {
      if (socket.readyState === socket.OPEN) socket.send(chunk, { binary: true });
    },
    control(message) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    },
    close(code, reason) {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING)
        socket.close(code, reason);
    },
  };
  let answered = true;
  const keepalive = setInterval(() => {
    if (!answered) return void socket.terminate();
    answered = false;
    socket.ping();
  }, KEEPALIVE_MS);
  socket.on('pong', () => {
    answered = true;
  });
  socket.on('message', (data, isBinary) => {
    const bytes = asBuffer(data);
    const control = isBinary ? undefined : controlOf(bytes.toString('utf8'));
    if (!control) return terminal.input(bytes);
    if (control.type === 'resize') terminal.resize(control.cols, control.rows);
    else if (control.type === 'activity') terminal.activity();
    else viewer.control({ type: 'pong' });
  });
  socket.on('close', () => {
    clearInterval(keepalive);
    terminal.detach(viewer);
  });
  socket.on('error', () => socket.terminate());
  terminal.attach(viewer);
}
