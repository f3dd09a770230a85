import { type Selectable, sql } from 'kysely';
import type { IamApiTokensTable, IamSessionsTable } from '../schema.ts';
import type { ApiTokenRecord, IamStore, SessionRecord } from './iam-store.ts';
import { parseList, toMillis } from './sql-helpers.ts';
import type { TableOptions } from './user-table.ts';

function toSession(row: Selectable<IamSessionsTable>): SessionRecord {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    method: row.method === 'oidc' ? 'oidc' : 'password',
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
    expiresAt: Number(row.expires_at),
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
  };
}

export function sessionTable({ db }: TableOptions): IamStore['sessions'] {
  return {
    async create(s) {
      await db
        .insertInto('iam_sessions')
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          method: s.method,
          created_at: s.createdAt,
          last_seen_at: s.lastSeenAt,
          expires_at: s.expiresAt,
          source_ip: s.sourceIp,
          user_agent: s.userAgent,
        })
        .execute();
    },
    async get(idHash) {
      const row = await db
        .selectFrom('iam_sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return row ? toSession(row) : undefined;
    },
    async touch(idHash, at) {
      await db.updateTable('iam_sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },
    async delete(idHash) {
      await db.deleteFrom('iam_sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteForUser(userId, keepIdHash) {
      const result = await db
        .deleteFrom('iam_sessions')
        .where('user_id', '=', userId)
        .$if(keepIdHash !== undefined, (q) => q.where('id_hash', '!=', keepIdHash ?? ''))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteExpired(now, idleBefore) {
      const result = await db
        .deleteFrom('iam_sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function toToken(row: Selectable<IamApiTokensTable>): ApiTokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    tokenHash: row.token_hash,
    prefix: row.prefix,
    scopes: row.scopes === '"all"' ? 'all' : parseList(row.scopes),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    lastUsedAt: toMillis(row.last_used_at),
    revokedAt: toMillis(row.revoked_at),
  };
}

export function tokenTable({ db }: TableOptions): IamStore['tokens'] {
  return {
    async create(t) {
      await db
        .insertInto('iam_api_tokens')
        .values({
          id: t.id,
          user_id: t.userId,
          name: t.name,
          token_hash: t.tokenHash,
          prefix: t.prefix,
          scopes: JSON.stringify(t.scopes),
          created_at: t.createdAt,
          expires_at: t.expiresAt,
          last_used_at: t.lastUsedAt,
          revoked_at: t.revokedAt,
        })
        .execute();
    },
    async getByHash(tokenHash) {
      const row = await db
        .selectFrom('iam_api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? toToken(row) : undefined;
    },
    async listForUser(userId) {
      const rows = await db
        .selectFrom('iam_api_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toToken);
    },
    async revoke(id, userId, at) {
      const result = await db
        .updateTable('iam_api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async touch(id, at) {
      await db.updateTable('iam_api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async deleteEnded(lifetimeBelow, endedBefore) {
      const result = await db
        .deleteFrom('iam_api_tokens')
        .where(sql<boolean>`expires_at - created_at < ${lifetimeBelow}`)
        .where((eb) => eb.or([eb('expires_at', '<', endedBefore), eb('revoked_at', '<', endedBefore)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export function throttleTable({ db }: TableOptions): IamStore['throttles'] {
  return {
    async hit(key, at, resetBefore) {
      // In DO UPDATE both dialects read the row's old values, so previous_failure_at gets the old time.
      const row = await db
        .insertInto('iam_login_throttles')
        .values({ key, failures: 1, last_failure_at: at, previous_failure_at: null })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql<number>`case when iam_login_throttles.last_failure_at < ${resetBefore} then 1 else iam_login_throttles.failures + 1 end`,
            previous_failure_at: sql<
              number | null
            >`case when iam_login_throttles.last_failure_at < ${resetBefore} then null else iam_login_throttles.last_failure_at end`,
            last_failure_at: at,
          }),
        )
        .returning(['failures', 'previous_failure_at'])
        .executeTakeFirstOrThrow();
      return { failures: Number(row.failures), previousAt: toMillis(row.previous_failure_at) };
    },
    async release(key) {
      await db
        .updateTable('iam_login_throttles')
        .set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` })
        .where('key', '=', key)
        .execute();
    },
    async clear(key) {
      await db.deleteFrom('iam_login_throttles').where('key', '=', key).execute();
    },
  };
}

export function oidcLoginTable({ db }: TableOptions): IamStore['oidcLogins'] {
  return {
    async put(login) {
      await db
        .insertInto('iam_oidc_logins')
        .values({
          state_hash: login.stateHash,
          code_verifier: login.codeVerifier,
          nonce: login.nonce,
          return_to: login.returnTo,
          expires_at: login.expiresAt,
        })
        .execute();
    },
    async take(stateHash, now) {
      await db.deleteFrom('iam_oidc_logins').where('expires_at', '<=', now).execute();
      // DELETE … RETURNING in one statement: two callbacks with the same state cannot both succeed.
      const row = await db
        .deleteFrom('iam_oidc_logins')
        .where('state_hash', '=', stateHash)
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        stateHash: row.state_hash,
        codeVerifier: row.code_verifier,
        nonce: row.nonce,
        returnTo: row.return_to,
        expiresAt: Number(row.expires_at),
      };
    },
  };
}
