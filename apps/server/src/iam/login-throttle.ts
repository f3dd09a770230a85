import type { Clock } from '#server/clusters/clock.ts';
import type { IamStore } from '#server/store/iam-store.ts';

export interface ThrottlePolicy {
  /** Attempts allowed before any delay. */
  freeAttempts: number;
  /** The wait after the first attempt beyond the free ones; doubles with each further attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  resetAfterMs: number;
}

export const USER_POLICY: ThrottlePolicy = {
  freeAttempts: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  resetAfterMs: 24 * 60 * 60_000,
};
/** One address may serve a whole office behind NAT, so it gets more room before delays start. */
export const ADDRESS_POLICY: ThrottlePolicy = { ...USER_POLICY, freeAttempts: 20 };

/** The wait required after `failures` attempts (0 while within the free ones). */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeAttempts) return 0;
  const exponent = Math.min(failures - policy.freeAttempts, 30);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface LoginThrottle {
  /**
   * Counts the attempt against the username and the address before the password is checked, so
   * concurrent guesses are counted too, and says whether it may proceed.
   */
  attempt(username: string, address: string): Promise<ThrottleDecision>;
  /** After a success: the user's failures are forgiven, the address's attempt is taken back. */
  succeeded(username: string, address: string): Promise<void>;
}

/**
 * Keys are the username as typed (lower-cased), whether or not such a user exists, so throttling
 * tells nothing about which accounts exist.
 */
export function createLoginThrottle(deps: {
  store: IamStore['throttles'];
  clock: Clock;
  user?: ThrottlePolicy;
  address?: ThrottlePolicy;
}): LoginThrottle {
  const userPolicy = deps.user ?? USER_POLICY;
  const addressPolicy = deps.address ?? ADDRESS_POLICY;
  const userKey = (username: string) => `user:${username.toLowerCase()}`;
  const addressKey = (address: string) => `address:${address}`;

  const check = async (key: string, policy: ThrottlePolicy, at: number): Promise<number> => {
    const { failures, previousAt } = await deps.store.hit(key, at, at - policy.resetAfterMs);
    if (previousAt === null) return 0;
    return Math.max(0, previousAt + delayAfter(failures - 1, policy) - at);
  };

  return {
    async attempt(username, address) {
      const at = deps.clock().getTime();
      const waits = await Promise.all([
        check(userKey(username), userPolicy, at),
        check(addressKey(address), addressPolicy, at),
      ]);
      const retryAfterMs = Math.max(...waits);
      return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
    },
    async succeeded(username, address) {
      await deps.store.clear(userKey(username));
      await deps.store.release(addressKey(address));
    },
  };
}
