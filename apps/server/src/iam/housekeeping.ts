/** The part of the server's logger (pino) housekeeping writes to. */
export interface HousekeepingLogger {
  warn(fields: object, message: string): void;
}

/** setInterval and clearInterval, injected so a test runs the schedule without waiting an hour. */
export interface IntervalTimer {
  every(ms: number, run: () => void): { cancel(): void };
}

export const systemTimer: IntervalTimer = {
  every(ms, run) {
    const handle = setInterval(run, ms);
    // Housekeeping alone never keeps the process alive.
    handle.unref();
    return { cancel: () => clearInterval(handle) };
  },
};

export interface HousekeepingDeps {
  sessions: { sweep(): Promise<unknown> };
  audit: { prune(): Promise<unknown> };
  /** API tokens minted for one operation (a Helm install) that have ended. */
  tokens?: { sweep(): Promise<unknown> };
  /** Recorded jobs (the operation log) past the audit trail's retention. */
  jobs?: { prune(): Promise<unknown> };
  /** Ended web terminal sessions (and transcripts) past the audit trail's retention. */
  terminals?: { prune(): Promise<unknown> };
  /** Propagation events past the audit trail's retention. */
  propagations?: { prune(): Promise<unknown> };
  log: HousekeepingLogger;
  /** One hour by default. */
  intervalMs?: number;
  timer?: IntervalTimer;
}

export interface Housekeeping {
  start(): void;
  stop(): void;
  /** One round now: sweeping and pruning each go on when the other fails. */
  runOnce(): Promise<void>;
}

/**
 * Expired sessions, ended one-operation tokens, and audit records and recorded jobs past their
 * retention go once an hour.
 */
export function createHousekeeping(deps: HousekeepingDeps): Housekeeping {
  const timer = deps.timer ?? systemTimer;
  let scheduled: { cancel(): void } | undefined;
  const runOnce = async () => {
    await Promise.all([
      deps.sessions
        .sweep()
        .catch((error: unknown) => deps.log.warn({ err: error }, 'sweeping sessions failed')),
      deps.audit
        .prune()
        .catch((error: unknown) => deps.log.warn({ err: error }, 'pruning the audit log failed')),
      deps.tokens
        ?.sweep()
        .catch((error: unknown) => deps.log.warn({ err: error }, 'sweeping ended tokens failed')),
      deps.jobs
        ?.prune()
        .catch((error: unknown) => deps.log.warn({ err: error }, 'pruning the operation log failed')),
      deps.terminals
        ?.prune()
        .catch((error: unknown) => deps.log.warn({ err: error }, 'pruning ended terminal sessions failed')),
      deps.propagations
        ?.prune()
        .catch((error: unknown) => deps.log.warn({ err: error }, 'pruning propagation events failed')),
    ]);
  };
  return {
    start() {
      scheduled ??= timer.every(deps.intervalMs ?? 3_600_000, () => void runOnce());
    },
    stop() {
      scheduled?.cancel();
      scheduled = undefined;
    },
    runOnce,
  };
}
