import type { Kysely, Selectable } from 'kysely';
import type { Database, IamGroupsTable, IamRoleBindingsTable } from '../schema.ts';
import { StoreError } from '../store.ts';
import type { BindingScope, Group, IamStore, RoleBinding, RoleName } from './iam-store.ts';
import { conflictOn } from './sql-helpers.ts';
import type { TableOptions } from './user-table.ts';

/**
 * Groups with their members' ids and names, read in one query for the groups given (a page, or all),
 * each member placed by group in one pass.
 */
export async function withMembers(
  db: Kysely<Database>,
  groups: Array<Selectable<IamGroupsTable>>,
): Promise<Group[]> {
  if (groups.length === 0) return [];
  const members = await db
    .selectFrom('iam_group_members as gm')
    .leftJoin('iam_users as u', 'u.id', 'gm.user_id')
    .select(['gm.group_name', 'gm.user_id', 'u.username'])
    .where(
      'gm.group_name',
      'in',
      groups.map((g) => g.name),
    )
    .orderBy('gm.user_id')
    .execute();
  const byGroup = new Map<string, typeof members>();
  for (const member of members) {
    const own = byGroup.get(member.group_name) ?? [];
    own.push(member);
    byGroup.set(member.group_name, own);
  }
  return groups.map((row) => {
    const own = byGroup.get(row.name) ?? [];
    return {
      name: row.name,
      description: row.description,
      createdAt: new Date(Number(row.created_at)),
      members: own.map((m) => m.user_id),
      memberNames: own.map((m) => m.username ?? m.user_id).sort(),
    };
  });
}

export function groupTable({ db, now }: TableOptions): Omit<IamStore['groups'], 'page'> {
  return {
    async create(input) {
      const at = now();
      await db
        .insertInto('iam_groups')
        .values({ name: input.name, description: input.description ?? '', created_at: at })
        .execute()
        .catch(conflictOn(`a group named "${input.name}" exists already`));
      return {
        name: input.name,
        description: input.description ?? '',
        createdAt: new Date(at),
        members: [],
        memberNames: [],
      };
    },
    async list() {
      const groups = await db.selectFrom('iam_groups').selectAll().orderBy('name').execute();
      return withMembers(db, groups);
    },
    async delete(name) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('iam_group_members').where('group_name', '=', name).execute();
        await trx
          .deleteFrom('iam_role_bindings')
          .where('subject_kind', '=', 'group')
          .where('subject_name', '=', name)
          .execute();
        await trx.deleteFrom('iam_groups').where('name', '=', name).execute();
      });
    },
    async addMember(group, userId) {
      const exists = await db
        .selectFrom('iam_groups')
        .select('name')
        .where('name', '=', group)
        .executeTakeFirst();
      if (!exists) throw new StoreError('not-found', `no group named "${group}"; create it first`);
      await db
        .insertInto('iam_group_members')
        .values({ group_name: group, user_id: userId })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async removeMember(group, userId) {
      await db
        .deleteFrom('iam_group_members')
        .where('group_name', '=', group)
        .where('user_id', '=', userId)
        .execute();
    },
    async groupsOf(userId) {
      const rows = await db
        .selectFrom('iam_group_members')
        .select('group_name')
        .where('user_id', '=', userId)
        .orderBy('group_name')
        .execute();
      return rows.map((row) => row.group_name);
    },
  };
}

export function workspaceTable({ db, now }: TableOptions): Omit<IamStore['workspaces'], 'page'> {
  return {
    async create(input) {
      const at = now();
      await db
        .insertInto('iam_workspaces')
        .values({ name: input.name, description: input.description ?? '', created_at: at })
        .execute()
        .catch(conflictOn(`a workspace named "${input.name}" exists already`));
      return { name: input.name, description: input.description ?? '', createdAt: new Date(at) };
    },
    async list() {
      const rows = await db.selectFrom('iam_workspaces').selectAll().orderBy('name').execute();
      return rows.map((row) => ({
        name: row.name,
        description: row.description,
        createdAt: new Date(Number(row.created_at)),
      }));
    },
    async delete(name) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('iam_workspace_namespaces').where('workspace', '=', name).execute();
        await trx
          .deleteFrom('iam_role_bindings')
          .where('level', '=', 'workspace')
          .where('workspace', '=', name)
          .execute();
        await trx.deleteFrom('iam_workspaces').where('name', '=', name).execute();
      });
    },
    async bindNamespace(workspace, cluster, namespace) {
      const exists = await db
        .selectFrom('iam_workspaces')
        .select('name')
        .where('name', '=', workspace)
        .executeTakeFirst();
      if (!exists) throw new StoreError('not-found', `no workspace named "${workspace}"; create it first`);
      const current = await db
        .selectFrom('iam_workspace_namespaces')
        .select('workspace')
        .where('cluster', '=', cluster)
        .where('namespace', '=', namespace)
        .executeTakeFirst();
      if (current?.workspace === workspace) return;
      const taken = `namespace ${namespace} of cluster ${cluster} belongs to workspace "${current?.workspace ?? 'another'}"; unbind it there first`;
      if (current) throw new StoreError('conflict', taken);
      await db
        .insertInto('iam_workspace_namespaces')
        .values({ cluster, namespace, workspace })
        .execute()
        .catch(conflictOn(taken));
    },
    async unbindNamespace(cluster, namespace) {
      await db
        .deleteFrom('iam_workspace_namespaces')
        .where('cluster', '=', cluster)
        .where('namespace', '=', namespace)
        .execute();
    },
    async namespaces(filter = {}) {
      return db
        .selectFrom('iam_workspace_namespaces')
        .select(['workspace', 'cluster', 'namespace'])
        .$if(filter.workspace !== undefined, (q) => q.where('workspace', '=', filter.workspace ?? ''))
        .$if(filter.cluster !== undefined, (q) => q.where('cluster', '=', filter.cluster ?? ''))
        .orderBy('cluster')
        .orderBy('namespace')
        .execute();
    },
  };
}

function scopeColumns(scope: BindingScope) {
  return {
    level: scope.level,
    workspace: scope.level === 'workspace' ? scope.workspace : '',
    cluster: scope.level === 'cluster' || scope.level === 'namespace' ? scope.cluster : '',
    namespace: scope.level === 'namespace' ? scope.namespace : '',
  };
}

function toScope(row: Selectable<IamRoleBindingsTable>): BindingScope {
  switch (row.level) {
    case 'workspace':
      return { level: 'workspace', workspace: row.workspace };
    case 'cluster':
      return { level: 'cluster', cluster: row.cluster };
    case 'namespace':
      return { level: 'namespace', cluster: row.cluster, namespace: row.namespace };
    default:
      return { level: 'platform' };
  }
}

export function toBinding(row: Selectable<IamRoleBindingsTable>): RoleBinding {
  return {
    id: row.id,
    subject: { kind: row.subject_kind === 'group' ? 'group' : 'user', name: row.subject_name },
    role: row.role as RoleName,
    scope: toScope(row),
    createdAt: new Date(Number(row.created_at)),
  };
}

export function bindingTable({ db, now, newId }: TableOptions): Omit<IamStore['bindings'], 'page'> {
  return {
    async create(input) {
      if (input.scope.level === 'workspace') {
        const workspace = input.scope.workspace;
        const found = await db
          .selectFrom('iam_workspaces')
          .select('name')
          .where('name', '=', workspace)
          .executeTakeFirst();
        if (!found) throw new StoreError('not-found', `no workspace named "${workspace}"; create it first`);
      }
      const row = {
        id: newId(),
        subject_kind: input.subject.kind,
        subject_name: input.subject.name,
        role: input.role,
        ...scopeColumns(input.scope),
        created_at: now(),
      };
      await db
        .insertInto('iam_role_bindings')
        .values(row)
        .execute()
        .catch(conflictOn(`${input.subject.kind} "${input.subject.name}" has this role here already`));
      return toBinding(row);
    },
    async list(filter = {}) {
      const rows = await db
        .selectFrom('iam_role_bindings')
        .selectAll()
        .$if(filter.subject !== undefined, (q) =>
          q
            .where('subject_kind', '=', filter.subject?.kind ?? '')
            .where('subject_name', '=', filter.subject?.name ?? ''),
        )
        .$if(filter.cluster !== undefined, (q) => q.where('cluster', '=', filter.cluster ?? ''))
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toBinding);
    },
    async delete(id) {
      const row = await db
        .selectFrom('iam_role_bindings')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      await db.deleteFrom('iam_role_bindings').where('id', '=', id).execute();
      return toBinding(row);
    },
  };
}
