import { timingSafeEqual } from 'node:crypto';
import type { IamStore, SessionRecord, UserRecord } from '#server/store/iam/iam-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { hashSecret, newSecret, type Random } from './opaque-secret.ts';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however busy. */
  absoluteMs: number;
  /** lastSeenAt is written at most this often, so reads do not each cost a write. */
  touchEveryMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 60 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  touchEveryMs: 60_000,
};

export interface NewSession {
  /** The cookie value; shown once, stored only as its hash. */
  id: string;
  /** To send back in the X-CSRF-Token header with every change. */
  csrfToken: string;
  expiresAt: Date;
}

/**
 * The CSRF token is derived from the session id (one-way), so it needs no storage, differs per
 * session, and a page on another site can neither read nor compute it.
 */
export function csrfTokenFor(sessionId: string): string {
  return hashSecret(`csrf:${sessionId}`);
}

export function csrfTokenMatches(sessionId: string, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface SessionService {
  create(
    user: Pick<UserRecord, 'id'>,
    method: SessionRecord['method'],
    from: { sourceIp: string; userAgent: string },
  ): Promise<NewSession>;
  /** The live session and its enabled user; ends sessions that expired. */
  validate(id: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined>;
  logout(id: string): Promise<void>;
  /** Ends every session of the user except, when given, the caller's own. */
  logoutEverywhere(userId: string, keepSessionId?: string): Promise<number>;
  /** Removes expired sessions; run it now and then. */
  sweep(): Promise<number>;
}

export function createSessionService(deps: {
  store: IamStore;
  clock: Clock;
  random: Random;
  policy?: Partial<SessionPolicy>;
}): SessionService {
  const policy = { ...DEFAULT_SESSION_POLICY, ...deps.policy };
  const now = () => deps.clock().getTime();
  return {
    async create(user, method, from) {
      const id = newSecret(deps.random, '');
      const at = now();
      const expiresAt = at + policy.absoluteMs;
      await deps.store.sessions.create({
        idHash: hashSecret(id),
        userId: user.id,
        method,
        createdAt: at,
        lastSeenAt: at,
        expiresAt,
        sourceIp: from.sourceIp,
        userAgent: from.userAgent.slice(0, 500),
      });
      return {
        id,
        csrfToken: csrfTokenFor(id),
        expiresAt: new Date(Math.min(expiresAt, at + policy.idleMs)),
      };
    },
    async validate(id) {
      if (!id) return undefined;
      const idHash = hashSecret(id);
      const session = await deps.store.sessions.get(idHash);
      if (!session) return undefined;
      const at = now();
      if (at >= session.expiresAt || at >= session.lastSeenAt + policy.idleMs) {
        await deps.store.sessions.delete(idHash);
        return undefined;
      }
      const user = await deps.store.users.get(session.userId);
      if (!user || user.disabled) return undefined;
      if (at - session.lastSeenAt >= policy.touchEveryMs) {
        await deps.store.sessions.touch(idHash, at);
        session.lastSeenAt = at;
      }
      return { session, user };
    },
    async logout(id) {
      await deps.store.sessions.delete(hashSecret(id));
    },
    logoutEverywhere: (userId, keep) =>
      deps.store.sessions.deleteForUser(userId, keep === undefined ? undefined : hashSecret(keep)),
    sweep: () => deps.store.sessions.deleteExpired(now(), now() - policy.idleMs),
  };
}
