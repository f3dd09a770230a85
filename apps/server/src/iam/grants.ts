import type { IamStore, RoleBinding, User } from '#server/store/iam/iam-store.ts';
import type { Grant } from './caller.ts';

/** A user's groups: local memberships and the OpenID groups of the last login. */
export async function groupsOfUser(
  store: IamStore,
  user: Pick<User, 'id' | 'externalGroups'>,
): Promise<string[]> {
  const local = await store.groups.groupsOf(user.id);
  return [...new Set([...local, ...user.externalGroups])].sort();
}

export function bindingApplies(binding: RoleBinding, username: string, groups: readonly string[]): boolean {
  return binding.subject.kind === 'user'
    ? binding.subject.name === username
    : groups.includes(binding.subject.name);
}

/** Every grant of the user's bindings and its groups'; a workspace binding reaches each bound namespace. */
export async function loadGrants(
  store: IamStore,
  username: string,
  groups: readonly string[],
): Promise<Grant[]> {
  const bindings = (await store.bindings.list()).filter((b) => bindingApplies(b, username, groups));
  const workspaceNamespaces = bindings.some((b) => b.scope.level === 'workspace')
    ? await store.workspaces.namespaces()
    : [];
  return bindings.flatMap((binding) => grantsOf(binding, workspaceNamespaces));
}

export function grantsOf(
  binding: RoleBinding,
  workspaceNamespaces: ReadonlyArray<{ workspace: string; cluster: string; namespace: string }>,
): Grant[] {
  const base = { role: binding.role, subject: binding.subject, bindingId: binding.id };
  const scope = binding.scope;
  switch (scope.level) {
    case 'platform':
      return [{ ...base, level: 'platform' }];
    case 'cluster':
      return [{ ...base, level: 'cluster', cluster: scope.cluster }];
    case 'namespace':
      return [{ ...base, level: 'namespace', cluster: scope.cluster, namespace: scope.namespace }];
    case 'workspace':
      return [
        { ...base, level: 'workspace', workspace: scope.workspace },
        ...workspaceNamespaces
          .filter((n) => n.workspace === scope.workspace)
          .map(
            (n): Grant => ({
              ...base,
              level: 'workspace',
              workspace: n.workspace,
              cluster: n.cluster,
              namespace: n.namespace,
            }),
          ),
      ];
  }
}
