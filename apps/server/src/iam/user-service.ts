import type { IamStore, User } from '#server/store/iam/iam-store.ts';
import { IamError } from './iam-errors.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { checkUsername } from './names.ts';
import { checkPasswordStrength, type PasswordHasher } from './password-hash.ts';
import type { SessionService } from './session-service.ts';

export interface UserService {
  createLocal(input: {
    username: string;
    password: string;
    displayName?: string;
    email?: string;
  }): Promise<User>;
  /** The user's own change: the old password is required, and other sessions end. */
  changePassword(
    userId: string,
    input: { oldPassword: string; newPassword: string; sourceIp: string; keepSessionId?: string },
  ): Promise<void>;
  /** An administrator's reset: every session of the user ends. */
  setPassword(userId: string, password: string): Promise<void>;
  /** A disabled user's sessions end at once; its tokens stop working while it stays disabled. */
  setDisabled(userId: string, disabled: boolean): Promise<User>;
}

export function createUserService(deps: {
  store: IamStore;
  hasher: PasswordHasher;
  sessions: SessionService;
  throttle: LoginThrottle;
}): UserService {
  const find = async (userId: string) => {
    const user = await deps.store.users.get(userId);
    if (!user) throw new IamError('not-found', `no user has id ${userId}; list users to find it`);
    return user;
  };
  return {
    async createLocal(input) {
      checkUsername(input.username);
      checkPasswordStrength(input.password);
      return deps.store.users.create({
        username: input.username,
        source: 'local',
        passwordHash: await deps.hasher.hash(input.password),
        ...(input.displayName && { displayName: input.displayName }),
        ...(input.email && { email: input.email }),
      });
    },
    async changePassword(userId, input) {
      const user = await find(userId);
      if (!user.passwordHash)
        throw new IamError(
          'invalid',
          'this account signs in through OpenID Connect; change the password there',
        );
      checkPasswordStrength(input.newPassword);
      // Throttled like a login, so a stolen session cannot be used to guess the password.
      const decision = await deps.throttle.attempt(user.username, input.sourceIp);
      if (!decision.allowed) {
        const seconds = Math.ceil(decision.retryAfterMs / 1000);
        throw new IamError('throttled', `too many attempts; try again in ${seconds} s`, seconds);
      }
      if (!(await deps.hasher.verify(input.oldPassword, user.passwordHash)))
        throw new IamError('forbidden', 'the current password is wrong');
      await deps.throttle.succeeded(user.username, input.sourceIp);
      await deps.store.users.update(userId, { passwordHash: await deps.hasher.hash(input.newPassword) });
      await deps.sessions.logoutEverywhere(userId, input.keepSessionId);
    },
    async setPassword(userId, password) {
      const user = await find(userId);
      if (user.source !== 'local') throw new IamError('invalid', 'only local users have a Portolan password');
      checkPasswordStrength(password);
      await deps.store.users.update(userId, { passwordHash: await deps.hasher.hash(password) });
      await deps.sessions.logoutEverywhere(userId);
    },
    async setDisabled(userId, disabled) {
      await find(userId);
      const user = await deps.store.users.update(userId, { disabled });
      if (disabled) await deps.sessions.logoutEverywhere(userId);
      return user;
    },
  };
}
