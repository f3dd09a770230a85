import type { ServerResponse } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import type { DrainEvent } from '@portolan/api';
import type { DrainRun } from '#server/nodes/node-drain.ts';
import { ResourceError } from '#server/resources/resource-errors.ts';

export const NDJSON = 'application/x-ndjson';

/**
 * A drain's progress as JSON lines. The response closing before the drain ends is the caller
 * leaving (the console's Stop): the drain is told to evict no more.
 */
export function drainStream(response: ServerResponse, drain: (run: DrainRun) => Promise<unknown>): Readable {
  const out = new PassThrough();
  const abort = new AbortController();
  response.once('close', () => {
    if (response.writableFinished) return;
    // The audit trail records it as closed by the caller (http/audit-hook.ts).
    abort.abort();
  });
  const write = (event: DrainEvent) => {
    if (!out.destroyed) out.write(`${JSON.stringify(event)}\n`);
  };
  drain({ signal: abort.signal, onProgress: write })
    .catch((error: unknown) => {
      // The status is already 200: the last line says why it ended early.
      const known = error instanceof ResourceError;
      write({
        type: 'error',
        error: {
          code: known ? error.code : 'internal',
          message: known ? error.message : 'the drain ended on an unexpected error; see the server log',
        },
      });
    })
    .finally(() => out.end());
  return out;
}
