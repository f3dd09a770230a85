/**
 * Exponential back-off with full jitter: retries of many clusters after a shared outage spread
 * out instead of arriving together. `random` is injected so tests can pin it.
 */
export interface Backoff {
  delayMs(attempt: number): number;
}

export function exponentialBackoff(options: {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}): Backoff {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const random = options.random ?? Math.random;
  return {
    delayMs(attempt) {
      const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 16));
      return Math.round(ceiling / 2 + (random() * ceiling) / 2);
    },
  };
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
