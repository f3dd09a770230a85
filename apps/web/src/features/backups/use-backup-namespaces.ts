import { useQuery } from '@tanstack/react-query';
import { backupsApi } from './backups-api.ts';
import type { Backup } from './types.ts';

/**
 * The namespaces a backup holds: those its plan named, or, for a backup of every namespace, the
 * Namespace objects in its archive and the namespaces of its first 500 objects.
 */
export function useBackupNamespaces(backup: Backup | undefined): string[] {
  const everything = Boolean(backup && backup.namespaces.length === 0);
  const namespaceObjects = useQuery({
    queryKey: ['backups', 'objects', backup?.id, 'namespaces'],
    queryFn: () => backupsApi.objects(backup?.id ?? '', { kind: 'Namespace', limit: 500 }),
    enabled: everything,
  });
  const someObjects = useQuery({
    queryKey: ['backups', 'objects', backup?.id, 'first'],
    queryFn: () => backupsApi.objects(backup?.id ?? '', { limit: 500 }),
    enabled: everything,
  });
  if (!backup) return [];
  if (!everything) return [...backup.namespaces].sort();
  const names = new Set<string>();
  for (const entry of namespaceObjects.data?.items ?? []) names.add(entry.name);
  for (const entry of someObjects.data?.items ?? []) if (entry.namespace) names.add(entry.namespace);
  return [...names].sort();
}
