import { BackupError } from '#server/backups/backup-errors.ts';
import { authorize } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import type { Permission } from '#server/iam/permissions.ts';
import { requireAllowed } from '#server/iam/route-guards.ts';

/** What a plan, backup or restore touches: a cluster and its namespaces ([] = the whole cluster). */
export interface Reach {
  cluster: string;
  namespaces: string[];
  clusterWide?: boolean;
}

/** Throws forbidden naming the first namespace (or the cluster) the caller may not act in. */
export function requireReach(caller: Caller, action: Permission, reach: Reach): void {
  if (reach.clusterWide || reach.namespaces.length === 0) {
    requireAllowed(caller, action, { cluster: reach.cluster });
    return;
  }
  for (const namespace of reach.namespaces)
    requireAllowed(caller, action, { cluster: reach.cluster, namespace });
}

export function reaches(caller: Caller, action: Permission, reach: Reach): boolean {
  if (reach.clusterWide || reach.namespaces.length === 0)
    return authorize(caller, action, { cluster: reach.cluster });
  return reach.namespaces.every((namespace) =>
    authorize(caller, action, { cluster: reach.cluster, namespace }),
  );
}

/** One page of an in-memory list: `continue` is the offset as text. */
export function pageOf<T>(
  items: T[],
  limit = 50,
  token?: string,
): { items: T[]; total: number; continue?: string } {
  const start = token === undefined ? 0 : Number.parseInt(token, 10);
  if (!Number.isSafeInteger(start) || start < 0)
    throw new BackupError(
      'invalid',
      'continue is not a token this server gave out; start again without it',
      'continue',
    );
  const page = items.slice(start, start + limit);
  const next = start + page.length;
  return { items: page, total: items.length, ...(next < items.length ? { continue: String(next) } : {}) };
}

export const nameParams = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
  },
} as const;
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;
