import type { ErrorBody, SearchAnswer } from '@portolan/api';
import { type PodPage, pageOf } from './pod-rows.ts';

/** What the page asks the worker: a search to run (GET path), or one to give up. */
export type SearchRequest = { id: number; path: string } | { cancel: number };
/** What the worker answers: the page's rows, or the server's refusal as ApiError carries it. */
export type SearchReply = { id: number; page: PodPage } | { id: number; status: number; body: ErrorBody };

// Typed as a worker's scope: this file runs only in a Worker (search-client.ts starts it).
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<SearchRequest>) => void) | null;
  postMessage(reply: SearchReply): void;
};
const running = new Map<number, AbortController>();

scope.onmessage = (event) => {
  const message = event.data;
  if ('cancel' in message) {
    running.get(message.cancel)?.abort();
    running.delete(message.cancel);
    return;
  }
  void search(message.id, message.path);
};

async function search(id: number, path: string): Promise<void> {
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
      scope.postMessage({ id, page: pageOf(parsed as SearchAnswer) });
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
