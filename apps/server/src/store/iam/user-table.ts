import type { Kysely, Selectable } from 'kysely';
import type { Database, IamUsersTable } from '../schema.ts';
import { StoreError } from '../store.ts';
import type { IamStore, User, UserRecord } from './iam-store.ts';
import { conflictOn, parseList, toDate } from './sql-helpers.ts';

export interface TableOptions {
  db: Kysely<Database>;
  now: () => number;
  newId: () => string;
}

export function toUserRecord(row: Selectable<IamUsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    source: row.source as User['source'],
    disabled: Number(row.disabled) === 1,
    externalGroups: parseList(row.external_groups),
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
    lastLoginAt: toDate(row.last_login_at),
    passwordHash: row.password_hash,
    oidcSubject: row.oidc_subject,
  };
}

/** The public view: never the password hash. */
export function toUser(record: UserRecord): User {
  const { passwordHash: _hash, oidcSubject: _subject, ...user } = record;
  return user;
}

export function userTable({ db, now, newId }: TableOptions): Omit<IamStore['users'], 'page'> {
  const getBy = async (column: 'id' | 'username' | 'oidc_subject', value: string) => {
    const row = await db.selectFrom('iam_users').selectAll().where(column, '=', value).executeTakeFirst();
    return row ? toUserRecord(row) : undefined;
  };
  const getOrThrow = async (id: string) => {
    const record = await getBy('id', id);
    if (!record) throw new StoreError('not-found', `no user has id ${id}; list users to find it`);
    return toUser(record);
  };

  return {
    async create(input) {
      const id = newId();
      const at = now();
      await db
        .insertInto('iam_users')
        .values({
          id,
          username: input.username,
          display_name: input.displayName ?? input.username,
          email: input.email ?? null,
          source: input.source,
          password_hash: input.passwordHash ?? null,
          oidc_subject: input.oidcSubject ?? null,
          disabled: 0,
          external_groups: JSON.stringify(input.externalGroups ?? []),
          created_at: at,
          updated_at: at,
          last_login_at: null,
        })
        .execute()
        .catch(conflictOn(`a user named "${input.username}" exists already; choose another username`));
      return getOrThrow(id);
    },
    get: (id) => getBy('id', id),
    getByUsername: (username) => getBy('username', username),
    getBySubject: (subject) => getBy('oidc_subject', subject),
    async list() {
      const rows = await db.selectFrom('iam_users').selectAll().orderBy('username').execute();
      return rows.map((row) => toUser(toUserRecord(row)));
    },
    async count() {
      const row = await db
        .selectFrom('iam_users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async update(id, patch) {
      await db
        .updateTable('iam_users')
        .set({
          ...(patch.displayName !== undefined && { display_name: patch.displayName }),
          ...(patch.email !== undefined && { email: patch.email }),
          ...(patch.disabled !== undefined && { disabled: patch.disabled ? 1 : 0 }),
          ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
          ...(patch.externalGroups !== undefined && {
            external_groups: JSON.stringify(patch.externalGroups),
          }),
          ...(patch.lastLoginAt !== undefined && { last_login_at: patch.lastLoginAt?.getTime() ?? null }),
          updated_at: now(),
        })
        .where('id', '=', id)
        .execute();
      return getOrThrow(id);
    },
    async delete(id) {
      const user = await getBy('id', id);
      if (!user) return;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('iam_group_members').where('user_id', '=', id).execute();
        await trx
          .deleteFrom('iam_role_bindings')
          .where('subject_kind', '=', 'user')
          .where('subject_name', '=', user.username)
          .execute();
        await trx.deleteFrom('iam_sessions').where('user_id', '=', id).execute();
        await trx.deleteFrom('iam_api_tokens').where('user_id', '=', id).execute();
        await trx.deleteFrom('iam_users').where('id', '=', id).execute();
      });
    },
  };
}
