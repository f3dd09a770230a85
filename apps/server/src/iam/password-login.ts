import type { AuditLog } from '#server/audit/audit-log.ts';
import type { IamStore, User } from '#server/store/iam/iam-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { IamError } from './iam-errors.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { PasswordHasher } from './password-hash.ts';
import type { NewSession, SessionService } from './session-service.ts';

/** One answer for every failure, so it never tells whether the user exists or why it failed. */
export const LOGIN_FAILED =
  'sign-in failed: the username or password is wrong, or this account cannot sign in';

export interface LoginAttempt {
  username: string;
  password: string;
  sourceIp: string;
  userAgent: string;
}

export interface PasswordLogin {
  /** Throws IamError unauthenticated (always LOGIN_FAILED) or throttled (with retryAfterSeconds). */
  login(attempt: LoginAttempt): Promise<{ user: User; session: NewSession }>;
}

export function createPasswordLogin(deps: {
  store: IamStore;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  sessions: SessionService;
  audit: AuditLog;
  clock: Clock;
}): PasswordLogin {
  return {
    async login(attempt) {
      const username = attempt.username.trim().toLowerCase();
      const event = {
        action: 'auth.login',
        actor: username,
        credential: 'password',
        sourceIp: attempt.sourceIp,
        userAgent: attempt.userAgent,
        verb: 'POST',
        route: '/api/v1/auth/login',
      };
      const decision = await deps.throttle.attempt(username, attempt.sourceIp);
      if (!decision.allowed) {
        const seconds = Math.ceil(decision.retryAfterMs / 1000);
        await deps.audit.record({ ...event, outcome: 'denied', status: 429, detail: 'throttled' });
        throw new IamError('throttled', `too many sign-in attempts; try again in ${seconds} s`, seconds);
      }
      const user = await deps.store.users.getByUsername(username);
      // Unknown users and users without a password cost one hash too, so timing tells nothing.
      const valid =
        user?.passwordHash != null
          ? await deps.hasher.verify(attempt.password, user.passwordHash)
          : await deps.hasher.verifyDummy(attempt.password);
      const reason = !user
        ? 'no such user'
        : !user.passwordHash
          ? 'no password (signs in through OpenID)'
          : !valid
            ? 'wrong password'
            : user.disabled
              ? 'disabled'
              : undefined;
      if (!user || reason) {
        await deps.audit.record({ ...event, outcome: 'denied', status: 401, detail: reason ?? 'denied' });
        throw new IamError('unauthenticated', LOGIN_FAILED);
      }
      await deps.throttle.succeeded(username, attempt.sourceIp);
      const patch: Parameters<IamStore['users']['update']>[1] = { lastLoginAt: deps.clock() };
      if (user.passwordHash && deps.hasher.needsRehash(user.passwordHash))
        patch.passwordHash = await deps.hasher.hash(attempt.password);
      const updated = await deps.store.users.update(user.id, patch);
      const session = await deps.sessions.create(user, 'password', attempt);
      await deps.audit.record({ ...event, outcome: 'allowed', status: 200 });
      return { user: updated, session };
    },
  };
}
