import type { SearchAnswer } from '@portolan/api';
import { ApiError, request } from '../../api/client.ts';
import { type PodPage, pageOf } from './pod-rows.ts';
import type { SearchReply, SearchRequest } from './pods-search.worker.ts';

/**
 * Pages of the pods list are fetched, parsed and reduced to rows in a worker: a page of 1,000 whole
 * pods is megabytes of JSON, and parsing it on the main thread every second (live updates) would
 * stall scrolling. Where no worker can start, the same work runs here.
 */
let worker: Worker | null | undefined;
const waiting = new Map<
  number,
  { path: string; resolve(page: PodPage): void; reject(error: unknown): void }
>();
let lastId = 0;
/** The rows last received for each path, named as the worker named them. */
const held = new Map<string, { rowsId: number; rows: PodPage['rows'] }>();

function workerOf(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./pods-search.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<SearchReply>) => {
      const reply = event.data;
      const pending = waiting.get(reply.id);
      if (!pending) return;
      waiting.delete(reply.id);
      if (!('page' in reply)) return pending.reject(new ApiError(reply.status, reply.body));
      const kept = held.get(pending.path);
      if (reply.sameRows) {
        if (kept?.rowsId === reply.rowsId) return pending.resolve({ ...reply.page, rows: kept.rows });
        // The rows it means were let go meanwhile: asked again, in full.
        waiting.set(reply.id, pending);
        (event.target as Worker).postMessage({ id: reply.id, path: pending.path } satisfies SearchRequest);
        return;
      }
      if (held.size >= 50) held.clear();
      held.set(pending.path, { rowsId: reply.rowsId, rows: reply.page.rows });
      pending.resolve(reply.page);
    };
    worker.onerror = () => {
      // A worker that fails to load: what it was asked is answered here instead, and so is the rest.
      worker?.terminate();
      worker = null;
      for (const [id, pending] of waiting) {
        waiting.delete(id);
        pending.reject(
          new ApiError(0, { code: 'worker-failed', message: 'the pods list could not be read' }),
        );
      }
    };
  } catch {
    worker = null;
  }
  return worker;
}

export function searchInWorker(path: string, signal?: AbortSignal): Promise<PodPage> {
  const running = workerOf();
  if (!running) return request<SearchAnswer>('GET', path).then(pageOf);
  const id = ++lastId;
  return new Promise<PodPage>((resolve, reject) => {
    waiting.set(id, { path, resolve, reject });
    const have = held.get(path)?.rowsId;
    running.postMessage({ id, path, ...(have === undefined ? {} : { have }) } satisfies SearchRequest);
    signal?.addEventListener(
      'abort',
      () => {
        if (!waiting.delete(id)) return;
        running.postMessage({ cancel: id } satisfies SearchRequest);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
