import type { IamStore } from '#server/store/iam/iam-store.ts';
import type { Clock } from '#server/time/clock.ts';

export interface ThrottlePolicy {
  /** Attempts allowed before any delay. */
  freeAttempts: number;
  /** The wait after the first attempt beyond the free ones; doubles with each further attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  resetAfterMs: number;
}

/** One account guessed at from one address: a single guesser, stopped soon. */
export const ACCOUNT_ADDRESS_POLICY: ThrottlePolicy = {
  freeAttempts: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  resetAfterMs: 24 * 60 * 60_000,
};
/** One account guessed at from anywhere: guesses spread over many addresses, so more room first. */
export const ACCOUNT_POLICY: ThrottlePolicy = { ...ACCOUNT_ADDRESS_POLICY, freeAttempts: 20 };

/** The wait required after `failures` attempts (0 while within the free ones). */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeAttempts) return 0;
  const exponent = Math.min(failures - policy.freeAttempts, 30);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface LoginThrottle {
  /**
   * Counts the attempt against the account and against (account, address) before the password is
   * checked, so concurrent guesses are counted too, and says whether it may proceed.
   */
  attempt(username: string, address: string): Promise<ThrottleDecision>;
  /** After a success: the failures from this address are forgiven, this attempt is taken back. */
  succeeded(username: string, address: string): Promise<void>;
}

/**
 * Every key names an account: guesses at one account never delay another, even from the same
 * address (behind a reverse proxy or NAT every user shares one). Keys are the username as typed
 * (lower-cased), whether or not such a user exists, so throttling tells nothing about which
 * accounts exist.
 */
export function createLoginThrottle(deps: {
  store: IamStore['throttles'];
  clock: Clock;
  account?: ThrottlePolicy;
  accountAddress?: ThrottlePolicy;
}): LoginThrottle {
  const accountPolicy = deps.account ?? ACCOUNT_POLICY;
  const pairPolicy = deps.accountAddress ?? ACCOUNT_ADDRESS_POLICY;
  const accountKey = (username: string) => `user:${username.toLowerCase()}`;
  const pairKey = (username: string, address: string) =>
    `user-address:${JSON.stringify([username.toLowerCase(), address])}`;

  const check = async (key: string, policy: ThrottlePolicy, at: number): Promise<number> => {
    const { failures, previousAt } = await deps.store.hit(key, at, at - policy.resetAfterMs);
    if (previousAt === null) return 0;
    return Math.max(0, previousAt + delayAfter(failures - 1, policy) - at);
  };

  return {
    async attempt(username, address) {
      const at = deps.clock().getTime();
      const waits = await Promise.all([
        check(accountKey(username), accountPolicy, at),
        check(pairKey(username, address), pairPolicy, at),
      ]);
      const retryAfterMs = Math.max(...waits);
      return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
    },
    async succeeded(username, address) {
      await deps.store.clear(pairKey(username, address));
      // Only taken back, not cleared: the owner signing in must not give a guesser spread over many
      // addresses a fresh set of free attempts.
      await deps.store.release(accountKey(username));
    },
  };
}
