import type { useCan } from '../../app/can.ts';

type Can = ReturnType<typeof useCan>;

/**
 * May the caller change backups of these namespaces of a cluster (every one of them; the whole cluster
 * when the list is empty)? The same rule the server applies; the server still decides.
 */
export function mayWrite(can: Can, cluster: string, namespaces: string[]): boolean {
  if (namespaces.length === 0) return can('backups:write', { cluster });
  return namespaces.every((namespace) => can('backups:write', { cluster, namespace }));
}
