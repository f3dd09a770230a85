import type { BindingLevel, RoleName } from '@portolan/api';

// The role table is part of the public contract, so the console shows what the server enforces.
export { type BindingLevel, ROLE_PERMISSIONS, roleGrants } from '@portolan/api';

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
