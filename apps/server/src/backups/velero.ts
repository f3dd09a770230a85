import type { VeleroItem, VeleroView } from '@portolan/api';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { BackupError } from './backup-errors.ts';

type VeleroObject = {
  metadata?: { name?: string; namespace?: string; creationTimestamp?: string };
  spec?: { includedNamespaces?: string[]; backupName?: string };
  status?: { phase?: string; errors?: number; warnings?: number };
};

/** Velero's own namespace, where its Backup and Restore objects live by default. */
export const VELERO_NAMESPACE = 'velero';
const BASE = '/apis/velero.io/v1';

function itemOf(object: VeleroObject): VeleroItem {
  return {
    name: object.metadata?.name ?? '',
    namespace: object.metadata?.namespace ?? '',
    phase: object.status?.phase ?? 'New',
    createdAt: object.metadata?.creationTimestamp ?? '',
    includedNamespaces: object.spec?.includedNamespaces ?? [],
    ...(object.spec?.backupName ? { backupName: object.spec.backupName } : {}),
    ...(object.status?.errors !== undefined ? { errors: object.status.errors } : {}),
    ...(object.status?.warnings !== undefined ? { warnings: object.status.warnings } : {}),
  };
}

/** Why Velero is not usable on the cluster, or undefined when its Backup and Restore kinds are served. */
async function missing(client: KubeClient): Promise<string | undefined> {
  const answer = await client.request<{ resources?: Array<{ name: string }> }>({ path: BASE });
  if (answer.status === 404) return 'Velero is not installed: the cluster does not serve velero.io/v1';
  if (answer.status >= 300) return `reading velero.io/v1 failed with HTTP ${answer.status}`;
  const names = new Set((answer.body.resources ?? []).map((r) => r.name));
  const lacking = ['backups', 'restores'].filter((name) => !names.has(name));
  return lacking.length ? `velero.io/v1 does not serve ${lacking.join(' and ')}` : undefined;
}

export async function veleroView(client: KubeClient): Promise<VeleroView> {
  const reason = await missing(client);
  if (reason) return { installed: false, reason, backups: [], restores: [] };
  const [backups, restores] = await Promise.all([
    client.list<VeleroObject>(`${BASE}/backups`),
    client.list<VeleroObject>(`${BASE}/restores`),
  ]);
  const newest = (a: VeleroItem, b: VeleroItem) => b.createdAt.localeCompare(a.createdAt);
  return {
    installed: true,
    backups: backups.items.map(itemOf).sort(newest),
    restores: restores.items.map(itemOf).sort(newest),
  };
}

/** Creates a Velero Backup or Restore in Velero's namespace; Velero's controller does the rest. */
export async function createVeleroObject(
  client: KubeClient,
  kind: 'Backup' | 'Restore',
  name: string,
  spec: Record<string, unknown>,
): Promise<VeleroItem> {
  const reason = await missing(client);
  if (reason) throw new BackupError('conflict', reason);
  const plural = kind === 'Backup' ? 'backups' : 'restores';
  const answer = await client.request<VeleroObject & { message?: string; reason?: string }>({
    method: 'POST',
    path: `${BASE}/namespaces/${VELERO_NAMESPACE}/${plural}`,
    body: { apiVersion: 'velero.io/v1', kind, metadata: { name, namespace: VELERO_NAMESPACE }, spec },
  });
  if (answer.status === 409)
    throw new BackupError('conflict', `a Velero ${kind} named ${name} exists; choose another name`, 'name');
  if (answer.status === 404)
    throw new BackupError(
      'conflict',
      `namespace ${VELERO_NAMESPACE} does not exist: Velero's controller is not installed there`,
    );
  if (answer.status >= 300)
    throw new BackupError(
      'invalid',
      `the cluster refused the Velero ${kind}: ${answer.body.message ?? answer.status}`,
    );
  return itemOf(answer.body);
}
