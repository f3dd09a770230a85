import type { WatchEvent, WatchEventType } from './kube-client.ts';

const EVENT_TYPES = new Set<string>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);
const NEWLINE = 0x0a;

/**
 * Splits a watch response into its JSON documents. The API server writes one event per line, but
 * chunks split lines (and multi-byte characters) anywhere, so bytes are kept until a newline.
 */
export function createLineSplitter(): { push(chunk: Buffer): string[]; end(): string[] } {
  let pending: Buffer[] = [];
  return {
    push(chunk) {
      const lines: string[] = [];
      let start = 0;
      let newline = chunk.indexOf(NEWLINE, start);
      while (newline !== -1) {
        pending.push(chunk.subarray(start, newline));
        const line = Buffer.concat(pending).toString('utf8').trim();
        if (line) lines.push(line);
        pending = [];
        start = newline + 1;
        newline = chunk.indexOf(NEWLINE, start);
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
      return lines;
    },
    end() {
      const line = Buffer.concat(pending).toString('utf8').trim();
      pending = [];
      return line ? [line] : [];
    },
  };
}

/** Parses one line of a watch stream; a line that is not a watch event is an error that quotes it. */
export function parseWatchEvent<T>(line: string): WatchEvent<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`the watch stream sent a line that is not JSON: ${line.slice(0, 200)}`);
  }
  const event = parsed as { type?: unknown; object?: unknown };
  if (typeof event.type !== 'string' || !EVENT_TYPES.has(event.type) || typeof event.object !== 'object') {
    throw new Error(`the watch stream sent something that is not a watch event: ${line.slice(0, 200)}`);
  }
  return { type: event.type as WatchEventType, object: event.object as T };
}
