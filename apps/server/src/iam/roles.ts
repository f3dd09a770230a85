import type { Permission } from '#server/iam/permissions.ts';
import type { RoleName } from '#server/store/iam/iam-store.ts';

export type BindingLevel = 'platform' | 'workspace' | 'cluster' | 'namespace';

const VIEWER: Permission[] = [
  'clusters:read',
  'resources:read',
  'clusters:proxy',
  'workspaces:read',
  'sandboxes:read',
];
const EDITOR: Permission[] = [...VIEWER, 'resources:write', 'secrets:reveal', 'pods:exec', 'sandboxes:write'];
const ADMIN: Permission[] = [
  ...EDITOR,
  'clusters:write',
  'bindings:read',
  'bindings:write',
  'users:read',
  'users:write',
  'workspaces:write',
  'audit:read',
  'metrics:read',
  'replicas:read',
];

/** What each role may do in its scope. Viewer never sees Secret values (secrets:reveal is Editor's). */
export const ROLE_PERMISSIONS: Readonly<Record<RoleName, readonly Permission[]>> = {
  Viewer: VIEWER,
  Editor: EDITOR,
  Admin: ADMIN,
};

/**
 * Permissions that a binding below some level does not carry, whatever its role: a namespace Admin
 * does not remove the cluster, a cluster Admin does not manage users or read the whole audit trail.
 */
const LEVELS: Partial<Record<Permission, readonly BindingLevel[]>> = {
  'sandboxes:read': ['platform'],
  'sandboxes:write': ['platform'],
  'users:read': ['platform'],
  'users:write': ['platform'],
  'workspaces:write': ['platform'],
  'audit:read': ['platform'],
  'metrics:read': ['platform'],
  'replicas:read': ['platform'],
  'workspaces:read': ['platform', 'workspace'],
  'clusters:write': ['platform', 'cluster'],
};

/** Whether a binding of this role at this level grants the permission (within its scope). */
export function roleGrants(role: RoleName, level: BindingLevel, permission: Permission): boolean {
  if (!ROLE_PERMISSIONS[role].includes(permission)) return false;
  return LEVELS[permission]?.includes(level) ?? true;
}

/** Kubernetes' built-in ClusterRoles that enforce the same roles on member clusters. */
export function kubeClusterRole(role: RoleName, level: BindingLevel): string {
  if (role === 'Admin') return level === 'platform' || level === 'cluster' ? 'cluster-admin' : 'admin';
  return role === 'Editor' ? 'edit' : 'view';
}

/**
 * Whether a binding's Kubernetes role lets it list Secrets: `view` does not (Kubernetes keeps Secrets
 * from it), `edit`, `admin` and `cluster-admin` do. What the store serves follows the same rule.
 */
export function roleListsSecrets(role: RoleName, level: BindingLevel): boolean {
  return kubeClusterRole(role, level) !== 'view';
}
