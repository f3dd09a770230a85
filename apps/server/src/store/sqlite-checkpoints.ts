import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints of a SQLite file's write-ahead log made by a thread of their own. Left to the writer,
 * SQLite copies the log into the file inside a commit once the log holds 10,000 pages: at a million
 * rows a first sync's every batch did, holding the event loop 180–330 ms a commit (better-sqlite3 is
 * synchronous), half of the sync's time. Started once a store's file is large (small stores, and the
 * tests', never need it); the writer then checkpoints only past a far larger log, should this thread
 * fall behind, and as before should it fail.
 */
export class SqliteCheckpoints {
  readonly #file: string;
  readonly #intervalMs: number;
  readonly #onFailure: () => void;
  #worker: Worker | undefined;
  #failed = false;

  constructor(file: string, options: { intervalMs?: number; onFailure?: () => void } = {}) {
    this.#file = file;
    this.#intervalMs = options.intervalMs ?? 250;
    this.#onFailure = options.onFailure ?? (() => undefined);
  }

  get running(): boolean {
    return this.#worker !== undefined;
  }

  /** The thread failed once: it is not started again, the writer checkpoints as before. */
  get failed(): boolean {
    return this.#failed;
  }

  start(): void {
    if (this.#worker || this.#failed) return;
    const worker = new Worker(new URL('./sqlite-checkpoint-worker.ts', import.meta.url), {
      workerData: { file: this.#file, intervalMs: this.#intervalMs },
    });
    worker.unref();
    // A failed thread leaves the checkpoints to the writer, as before it started.
    worker.on('error', () => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#failed = true;
      this.#onFailure();
    });
    this.#worker = worker;
  }

  /** Stops the thread after its checkpoint in progress, if any; its connection is closed. */
  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (!worker) return;
    const exited = once(worker, 'exit');
    worker.postMessage('stop');
    const timeout = setTimeout(() => void worker.terminate(), 5_000);
    await exited.catch(() => undefined);
    clearTimeout(timeout);
  }
}
