import {
  type Expression,
  type Kysely,
  type OrderByModifiers,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { escapeLike } from '../resources/search-plan.ts';
import type { Database } from '../schema.ts';
import { toBinding, withMembers } from './access-tables.ts';
import type {
  BindingPageQuery,
  Group,
  GroupPageQuery,
  Page,
  RoleBinding,
  User,
  UserPageQuery,
  Workspace,
  WorkspacePageQuery,
} from './iam-store.ts';
import { toUser, toUserRecord } from './user-table.ts';

/**
 * People's lists filtered, sorted, counted and paged in SQL (one code path for SQLite and PostgreSQL),
 * so a directory of tens of thousands of users is never read whole for one page.
 */

/** Any of the columns contains the text, any case: lower() on both sides, as PostgreSQL's like minds case. */
function containsAnyCase(columns: readonly string[], text: string): RawBuilder<SqlBool> {
  const pattern = `%${escapeLike(text.toLowerCase())}%`;
  const tests = columns.map((column) => sql`lower(${sql.ref(column)}) like ${pattern} escape '\\'`);
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}

/** The direction asked for, with missing values (never signed in, no email) last either way. */
const direction =
  (order: 'asc' | 'desc' | undefined): OrderByModifiers =>
  (item) =>
    (order === 'desc' ? item.desc() : item.asc()).nullsLast();

const column = (name: string) => sql.ref(name) as Expression<unknown>;
const lower = (name: string) => sql`lower(${sql.ref(name)})` as Expression<unknown>;
const nothing = sql<SqlBool>`1 = 0`;

const USER_ORDER: Record<NonNullable<UserPageQuery['sort']>, Expression<unknown>[]> = {
  username: [],
  displayName: [lower('display_name')],
  email: [lower('email')],
  source: [column('source')],
  // Active (0) before disabled (1) ascending.
  state: [column('disabled')],
  lastLogin: [column('last_login_at')],
  created: [column('created_at')],
};

export async function userPage(db: Kysely<Database>, query: UserPageQuery): Promise<Page<User>> {
  const filtered = db
    .selectFrom('iam_users')
    .$if(Boolean(query.q), (q) =>
      q.where(containsAnyCase(['username', 'display_name', 'email'], query.q ?? '')),
    )
    .$if(query.disabled !== undefined, (q) => q.where('disabled', '=', query.disabled ? 1 : 0))
    .$if(query.source !== undefined, (q) => q.where('source', '=', query.source ?? ''));
  const by = direction(query.order);
  let rows = filtered.selectAll();
  for (const expression of USER_ORDER[query.sort ?? 'username']) rows = rows.orderBy(expression, by);
  const [items, count] = await Promise.all([
    rows.orderBy('username', by).limit(query.limit).offset(query.offset).execute(),
    filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((row) => toUser(toUserRecord(row))), total: Number(count.n) };
}

const memberCount = sql`(select count(*) from iam_group_members m where m.group_name = iam_groups.name)`;

export async function groupPage(db: Kysely<Database>, query: GroupPageQuery): Promise<Page<Group>> {
  const member = query.member;
  const filtered = db
    .selectFrom('iam_groups')
    .$if(Boolean(query.q), (q) => q.where(containsAnyCase(['name', 'description'], query.q ?? '')))
    .$if(member !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('iam_group_members as gm')
            .innerJoin('iam_users as u', 'u.id', 'gm.user_id')
            .select('gm.user_id')
            .whereRef('gm.group_name', '=', 'iam_groups.name')
            .where('u.username', '=', member ?? ''),
        ),
      ),
    );
  const by = direction(query.order);
  const sort = query.sort ?? 'name';
  let rows = filtered.selectAll();
  if (sort === 'members') rows = rows.orderBy(memberCount as Expression<unknown>, by);
  if (sort === 'created') rows = rows.orderBy('created_at', by);
  const [groups, count] = await Promise.all([
    rows.orderBy('name', by).limit(query.limit).offset(query.offset).execute(),
    filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = await withMembers(db, groups);
  return { items, total: Number(count.n) };
}

export async function workspacePage(
  db: Kysely<Database>,
  query: WorkspacePageQuery,
): Promise<Page<Workspace>> {
  const names = query.names;
  const filtered = db
    .selectFrom('iam_workspaces')
    .$if(names !== undefined, (q) => (names?.length ? q.where('name', 'in', names) : q.where(nothing)))
    .$if(Boolean(query.q), (q) => q.where(containsAnyCase(['name', 'description'], query.q ?? '')));
  const by = direction(query.order);
  let rows = filtered.selectAll();
  if (query.sort === 'created') rows = rows.orderBy('created_at', by);
  const [items, count] = await Promise.all([
    rows.orderBy('name', by).limit(query.limit).offset(query.offset).execute(),
    filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((row) => ({
      name: row.name,
      description: row.description,
      createdAt: new Date(Number(row.created_at)),
    })),
    total: Number(count.n),
  };
}

const LEVEL_RANK = sql`case level when 'platform' then 0 when 'workspace' then 1 when 'cluster' then 2 else 3 end`;

const BINDING_ORDER: Record<NonNullable<BindingPageQuery['sort']>, Expression<unknown>[]> = {
  subject: [lower('subject_name'), column('subject_kind')],
  // Within a role or a scope, by subject: a list a person reads, not the order of random ids.
  role: [column('role'), lower('subject_name')],
  scope: [
    LEVEL_RANK as Expression<unknown>,
    column('workspace'),
    column('cluster'),
    column('namespace'),
    lower('subject_name'),
  ],
  created: [column('created_at')],
};

export async function bindingPage(db: Kysely<Database>, query: BindingPageQuery): Promise<Page<RoleBinding>> {
  const { within } = query;
  const filtered = db
    .selectFrom('iam_role_bindings')
    .$if(Boolean(query.q), (q) => q.where(containsAnyCase(['subject_name'], query.q ?? '')))
    .$if(query.subjectKind !== undefined, (q) => q.where('subject_kind', '=', query.subjectKind ?? ''))
    .$if(query.role !== undefined, (q) => q.where('role', '=', query.role ?? ''))
    .$if(query.level !== undefined, (q) => q.where('level', '=', query.level ?? ''))
    .$if(query.workspace !== undefined, (q) => q.where('workspace', '=', query.workspace ?? ''))
    .$if(query.cluster !== undefined, (q) => q.where('cluster', '=', query.cluster ?? ''))
    .$if(query.namespace !== undefined, (q) => q.where('namespace', '=', query.namespace ?? ''))
    .$if(within !== undefined, (q) =>
      q.where((eb) => {
        const reach = within ?? { workspaces: [], clusters: [], namespaces: [] };
        const parts = [
          ...(reach.workspaces.length
            ? [eb.and([eb('level', '=', 'workspace'), eb('workspace', 'in', reach.workspaces)])]
            : []),
          ...(reach.clusters.length
            ? [eb.and([eb('level', 'in', ['cluster', 'namespace']), eb('cluster', 'in', reach.clusters)])]
            : []),
          ...reach.namespaces.map((n) =>
            eb.and([
              eb('level', '=', 'namespace'),
              eb('cluster', '=', n.cluster),
              eb('namespace', '=', n.namespace),
            ]),
          ),
        ];
        return parts.length ? eb.or(parts) : nothing;
      }),
    );
  const by = direction(query.order);
  let rows = filtered.selectAll();
  for (const expression of BINDING_ORDER[query.sort ?? 'created']) rows = rows.orderBy(expression, by);
  const [items, count] = await Promise.all([
    rows.orderBy('id', by).limit(query.limit).offset(query.offset).execute(),
    filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(toBinding), total: Number(count.n) };
}
