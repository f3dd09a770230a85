import type { ErrorBody, SearchAnswer } from '@portolan/api';
import { type PodPage, pageOf } from './pod-rows.ts';

/**
 * What the page asks the worker: a search to run (GET path), or one to give up. `have` names the
 * rows the page holds for that path (a `rowsId` the worker gave), so unchanged rows need not travel.
 */
export type SearchRequest = { id: number; path: string; have?: number } | { cancel: number };
/**
 * What the worker answers: the page with its rows (`rowsId` names them), or with `sameRows` when
 * they equal the rows the page said it has (`rows` is then empty); or the server's refusal as
 * ApiError carries it.
 */
export type SearchReply =
  | { id: number; page: PodPage; rowsId: number; sameRows: boolean }
  | { id: number; status: number; body: ErrorBody };

// Typed as a worker's scope: this file runs only in a Worker (search-client.ts starts it).
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<SearchRequest>) => void) | null;
  postMessage(reply: SearchReply): void;
};
const running = new Map<number, AbortController>();
/** The rows last sent for each path, as text: a page read again (live updates) is compared with them. */
const sent = new Map<string, { rowsId: number; text: string }>();
let lastRowsId = 0;

scope.onmessage = (event) => {
  const message = event.data;
  if ('cancel' in message) {
    running.get(message.cancel)?.abort();
    running.delete(message.cancel);
    return;
  }
  void search(message.id, message.path, message.have);
};

async function search(id: number, path: string, have: number | undefined): Promise<void> {
  const abort = new AbortController();
  running.set(id, abort);
  try {
    const response = await fetch(path, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      signal: abort.signal,
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.ok) {
      const page = pageOf(parsed as SearchAnswer);
      const text = JSON.stringify(page.rows);
      const last = sent.get(path);
      // Nothing changed in the rows the page holds (a change to labels, say): only the rest travels,
      // and the page keeps its rows as they are instead of reading a thousand copies.
      if (last && last.rowsId === have && last.text === text) {
        scope.postMessage({ id, page: { ...page, rows: [] }, rowsId: last.rowsId, sameRows: true });
        return;
      }
      if (sent.size >= 50) sent.clear();
      const rowsId = ++lastRowsId;
      sent.set(path, { rowsId, text });
      scope.postMessage({ id, page, rowsId, sameRows: false });
      return;
    }
    const error = (parsed as { error?: ErrorBody } | undefined)?.error;
    scope.postMessage({
      id,
      status: response.status,
      body: error?.message
        ? error
        : { code: `http-${response.status}`, message: `GET ${path} answered ${response.status}` },
    });
  } catch (error) {
    if (!abort.signal.aborted)
      scope.postMessage({
        id,
        status: 0,
        body: { code: 'unreachable', message: `the Portolan server did not answer: ${String(error)}` },
      });
  } finally {
    running.delete(id);
  }
}
