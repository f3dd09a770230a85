import { randomUUID } from 'node:crypto';
import { type AuditLog, createAuditLog } from '#server/audit/audit-log.ts';
import type { OidcSettings } from '#server/config/oidc-settings.ts';
import type { AuditStore } from '#server/store/audit/audit-store.ts';
import type { IamStore } from '#server/store/iam/iam-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { type ApiTokenService, createApiTokenService } from './api-token-service.ts';
import { type CachingAuthenticate, createAuthenticate } from './authenticate.ts';
import { createLoginThrottle, type LoginThrottle, type ThrottlePolicy } from './login-throttle.ts';
import { createOidcLogin, type OidcLogin } from './oidc-login.ts';
import type { Random } from './opaque-secret.ts';
import { type Argon2Cost, createPasswordHasher, type PasswordHasher } from './password-hash.ts';
import { createPasswordLogin, type PasswordLogin } from './password-login.ts';
import { createSessionService, type SessionPolicy, type SessionService } from './session-service.ts';
import { createUserService, type UserService } from './user-service.ts';

export interface IamOptions {
  store: IamStore;
  auditStore: AuditStore;
  clock: Clock;
  random: Random;
  newId?: () => string;
  /** Absent: no OpenID sign-in. */
  oidc?: OidcSettings;
  sessionPolicy?: Partial<SessionPolicy>;
  throttle?: { account?: ThrottlePolicy; accountAddress?: ThrottlePolicy };
  hashCost?: Argon2Cost;
  auditRetentionDays?: number;
}

/** Everything identity, wired from its stores; the composition root calls this once. */
export interface IamServices {
  store: IamStore;
  audit: AuditLog;
  hasher: PasswordHasher;
  sessions: SessionService;
  tokens: ApiTokenService;
  throttle: LoginThrottle;
  passwordLogin: PasswordLogin;
  users: UserService;
  oidc: OidcLogin | undefined;
  authenticate: CachingAuthenticate;
  sessionPolicy: Partial<SessionPolicy>;
}

export function createIamServices(options: IamOptions): IamServices {
  const { store, clock, random } = options;
  const audit = createAuditLog({
    store: options.auditStore,
    clock,
    ...(options.auditRetentionDays !== undefined && { retentionDays: options.auditRetentionDays }),
  });
  const hasher = createPasswordHasher({ ...(options.hashCost && { cost: options.hashCost }), random });
  const sessions = createSessionService({
    store,
    clock,
    random,
    ...(options.sessionPolicy && { policy: options.sessionPolicy }),
  });
  const tokens = createApiTokenService({ store, clock, random, newId: options.newId ?? randomUUID });
  const throttle = createLoginThrottle({ store: store.throttles, clock, ...options.throttle });
  return {
    store,
    audit,
    hasher,
    sessions,
    tokens,
    throttle,
    passwordLogin: createPasswordLogin({ store, hasher, throttle, sessions, audit, clock }),
    users: createUserService({ store, hasher, sessions, throttle }),
    oidc: options.oidc
      ? createOidcLogin({ settings: options.oidc, store, sessions, audit, clock, random })
      : undefined,
    authenticate: createAuthenticate({ store, sessions, tokens, now: () => clock().getTime() }),
    sessionPolicy: options.sessionPolicy ?? {},
  };
}
