import { PERMISSIONS, type Permission } from '#server/iam/permissions.ts';
import type { IamStore, RoleBinding, RoleName, Subject, User } from '#server/store/iam/iam-store.ts';
import { grantCovers, type Scope } from './authorize.ts';
import type { Grant } from './caller.ts';
import { bindingApplies, grantsOf, groupsOfUser, loadGrants } from './grants.ts';
import { type BindingLevel, roleGrants } from './roles.ts';

export interface EffectiveEntry {
  level: BindingLevel;
  cluster?: string;
  namespace?: string;
  workspace?: string;
  role: RoleName;
  permissions: Permission[];
  /** The binding that grants it: to the user itself or to one of its groups. */
  from: Subject;
  bindingId: string;
}

const GRANTABLE = PERMISSIONS.filter((p) => p !== 'public' && p !== 'self');

function entryOf(grant: Grant): EffectiveEntry {
  const { subject, bindingId, ...where } = grant;
  return {
    ...where,
    permissions: GRANTABLE.filter((p) => roleGrants(grant.role, grant.level, p)),
    from: subject,
    bindingId,
  };
}

/** What a user may do where: one entry per grant, workspace bindings spelled out per namespace. */
export async function effectivePermissions(
  store: IamStore,
  user: Pick<User, 'id' | 'username' | 'externalGroups'>,
): Promise<{ groups: string[]; entries: EffectiveEntry[] }> {
  const groups = await groupsOfUser(store, user);
  const grants = await loadGrants(store, user.username, groups);
  return { groups, entries: grants.map(entryOf) };
}

export interface WhoCan {
  /** Bindings that allow the action on the scope. */
  bindings: RoleBinding[];
  /** Enabled users those bindings reach, directly or through a group (OpenID groups as of their last login). */
  users: string[];
}

/** Which users and groups may do `action` on `scope`. */
export async function whoCan(store: IamStore, action: Permission, scope: Scope): Promise<WhoCan> {
  const [all, workspaceNamespaces] = await Promise.all([
    store.bindings.list(),
    store.workspaces.namespaces(),
  ]);
  const bindings = all.filter((binding) =>
    grantsOf(binding, workspaceNamespaces).some(
      (grant) => roleGrants(grant.role, grant.level, action) && grantCovers(grant, scope),
    ),
  );
  const [users, groups] = await Promise.all([store.users.list(), store.groups.list()]);
  const reached = users.filter((user) => {
    if (user.disabled) return false;
    const local = groups.filter((g) => g.members.includes(user.id)).map((g) => g.name);
    const all = [...local, ...user.externalGroups];
    return bindings.some((binding) => bindingApplies(binding, user.username, all));
  });
  return { bindings, users: reached.map((u) => u.username) };
}
