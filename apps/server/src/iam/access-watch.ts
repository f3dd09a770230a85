import type { IdentityEvents } from './identity-events.ts';

/** Why an open answer ends: the caller's credential no longer counts, or its access was taken away. */
export interface AccessProblem {
  code: 'unauthenticated' | 'forbidden';
  message: string;
}

/** One long-lived answer (a change stream, a followed log, an exec, a proxied watch or upgrade). */
export interface WatchedAnswer {
  /** The same check that admitted the answer, made again; undefined while it may go on. */
  check(): Promise<AccessProblem | undefined>;
  /** Ends the answer, telling the caller why where the protocol has a way to. */
  end(problem: AccessProblem): void;
}

export interface AccessWatch {
  /** Keeps checking the answer until the returned function is called (when it ends on its own). */
  watch(answer: WatchedAnswer): () => void;
  /** Checks every open answer now; resolves when all checks are done. */
  checkAll(): Promise<void>;
  /** How many answers are open. */
  size(): number;
  /** Listens for identity changes and starts the timer. */
  start(): void;
  stop(): void;
}

export interface AccessWatchOptions {
  events?: IdentityEvents;
  /** How often every open answer is checked, so changes made by another replica count too. */
  intervalMs: number;
  onError?: (error: unknown) => void;
}

/**
 * Every long-lived answer registers here and is checked again on every identity change this
 * replica saves, and on a short timer for changes saved elsewhere (or expiries), so revoking a
 * token, signing out, changing a password, disabling a user or removing a binding ends what the
 * caller holds open within seconds, as it already ends their next request.
 */
export function createAccessWatch(options: AccessWatchOptions): AccessWatch {
  const open = new Set<WatchedAnswer>();
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  async function checkOne(answer: WatchedAnswer): Promise<void> {
    let problem: AccessProblem | undefined;
    try {
      problem = await answer.check();
    } catch (error) {
      // A check that could not be made (the store briefly away) is made again on the next tick.
      options.onError?.(error);
      return;
    }
    if (!problem || !open.has(answer)) return;
    open.delete(answer);
    try {
      answer.end(problem);
    } catch (error) {
      options.onError?.(error);
    }
  }

  /** One pass at a time; a change heard during a pass asks for one more pass after it. */
  function checkAll(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await Promise.all([...open].map(checkOne));
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    watch(answer) {
      open.add(answer);
      return () => void open.delete(answer);
    },
    checkAll,
    size: () => open.size,
    start() {
      if (timer) return;
      unsubscribe = options.events?.subscribe(() => void checkAll());
      timer = setInterval(() => void checkAll(), options.intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}
