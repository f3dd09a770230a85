import { PERMISSIONS, type Permission } from '#server/iam/permissions.ts';
import type { ApiTokenRecord, IamStore, UserRecord } from '#server/store/iam/iam-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { IamError } from './iam-errors.ts';
import { hashSecret, newSecret, type Random } from './opaque-secret.ts';
import { pageOfTokens, type TokenFilter } from './token-list.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const TOKEN_PREFIX = 'ptl_';
export const MAX_TOKEN_DAYS = 366;
const TOUCH_EVERY_MS = 60_000;

/** A token as listed: never the secret or its hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: 'all' | Permission[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiTokenService {
  /** The token itself is in the answer once, and never again. */
  create(
    userId: string,
    input: { name: string; scopes: 'all' | string[]; expiresInDays?: number },
    /** A token may not mint a token that can do more than itself. */
    limit?: 'all' | Permission[],
  ): Promise<{ token: string; view: ApiTokenView }>;
  /**
   * A token that lives minutes, for Portolan's own use on the user's behalf (a Helm operation through
   * the proxy); listed under its name, e.g. "helm operation: install web", and revoked when the work ends.
   */
  createShortLived(
    userId: string,
    input: { name: string; scopes: Permission[]; ttlMs: number },
    limit?: 'all' | Permission[],
  ): Promise<{ token: string; view: ApiTokenView }>;
  list(userId: string): Promise<ApiTokenView[]>;
  /** One page of `list`, filtered and sorted, with the count over all pages. */
  page(
    userId: string,
    filter: TokenFilter,
    window: { limit: number; offset: number },
  ): Promise<{ items: ApiTokenView[]; total: number }>;
  revoke(userId: string, tokenId: string): Promise<void>;
  /** Deletes short-lived tokens that ended more than an hour ago (housekeeping). */
  sweep(): Promise<number>;
  /** The token's record and enabled user when it is live; records its use. */
  validate(token: string): Promise<{ token: ApiTokenRecord; user: UserRecord } | undefined>;
}

const SCOPABLE: readonly Permission[] = PERMISSIONS.filter((p) => p !== 'public');

function view(record: ApiTokenRecord): ApiTokenView {
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    scopes: record.scopes as ApiTokenView['scopes'],
    createdAt: new Date(record.createdAt),
    expiresAt: new Date(record.expiresAt),
    lastUsedAt: date(record.lastUsedAt),
    revokedAt: date(record.revokedAt),
  };
}

function checkScopes(scopes: 'all' | string[], limit: 'all' | Permission[]): 'all' | Permission[] {
  if (scopes === 'all') {
    if (limit !== 'all')
      throw new IamError('forbidden', 'a scoped token cannot create a token with all scopes');
    return 'all';
  }
  if (scopes.length === 0) throw new IamError('invalid', 'a token needs at least one scope, or "all"');
  for (const scope of scopes) {
    if (!SCOPABLE.includes(scope as Permission))
      throw new IamError('invalid', `unknown scope "${scope}"; scopes are: ${SCOPABLE.join(', ')}`);
    if (limit !== 'all' && !limit.includes(scope as Permission))
      throw new IamError('forbidden', `this token may not grant "${scope}", which it does not have itself`);
  }
  return [...new Set(scopes)] as Permission[];
}

export function createApiTokenService(deps: {
  store: IamStore;
  clock: Clock;
  random: Random;
  newId: () => string;
}): ApiTokenService {
  const now = () => deps.clock().getTime();
  const mint = async (userId: string, name: string, scopes: 'all' | Permission[], lifetimeMs: number) => {
    const token = newSecret(deps.random, TOKEN_PREFIX);
    const at = now();
    const record: ApiTokenRecord = {
      id: deps.newId(),
      userId,
      name,
      tokenHash: hashSecret(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      scopes,
      createdAt: at,
      expiresAt: at + lifetimeMs,
      lastUsedAt: null,
      revokedAt: null,
    };
    await deps.store.tokens.create(record);
    return { token, view: view(record) };
  };
  return {
    async create(userId, input, limit = 'all') {
      const days = input.expiresInDays ?? 90;
      if (!(days > 0 && days <= MAX_TOKEN_DAYS))
        throw new IamError('invalid', `expiresInDays must be between 1 and ${MAX_TOKEN_DAYS}`);
      return mint(userId, input.name, checkScopes(input.scopes, limit), days * DAY);
    },
    async createShortLived(userId, input, limit = 'all') {
      if (!(input.ttlMs > 0 && input.ttlMs <= DAY))
        throw new IamError('invalid', 'a short-lived token lives at most a day');
      return mint(userId, input.name, checkScopes(input.scopes, limit), input.ttlMs);
    },
    async list(userId) {
      // A short-lived token that has ended (a finished Helm operation's) is of no more use to its user.
      const at = now();
      const ended = (t: ApiTokenRecord) =>
        t.expiresAt - t.createdAt < DAY && (t.revokedAt !== null || t.expiresAt <= at);
      return (await deps.store.tokens.listForUser(userId)).filter((t) => !ended(t)).map(view);
    },
    async page(userId, filter, window) {
      return pageOfTokens(await this.list(userId), filter, window, now());
    },
    sweep: () => deps.store.tokens.deleteEnded(DAY, now() - HOUR),
    async revoke(userId, tokenId) {
      if (!(await deps.store.tokens.revoke(tokenId, userId, now())))
        throw new IamError(
          'not-found',
          `you have no live token with id ${tokenId}; list your tokens to find it`,
        );
    },
    async validate(token) {
      if (!token.startsWith(TOKEN_PREFIX)) return undefined;
      const record = await deps.store.tokens.getByHash(hashSecret(token));
      const at = now();
      if (!record || record.revokedAt !== null || at >= record.expiresAt) return undefined;
      const user = await deps.store.users.get(record.userId);
      if (!user || user.disabled) return undefined;
      if (record.lastUsedAt === null || at - record.lastUsedAt >= TOUCH_EVERY_MS) {
        await deps.store.tokens.touch(record.id, at);
        record.lastUsedAt = at;
      }
      return { token: record, user };
    },
  };
}
