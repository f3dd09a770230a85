import { type BackupPlanSpec, readCron } from '@portolan/api';
import { BackupError } from './backup-errors.ts';

export type FullPlanSpec = Required<Omit<BackupPlanSpec, 'labelSelector' | 'retention'>> & {
  labelSelector?: string;
  retention: { count: number | null; maxAgeDays: number | null };
};

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The spec with its defaults filled, or a refusal naming the field. */
export function checkPlanSpec(
  spec: Pick<BackupPlanSpec, 'cluster' | 'destination'> & Partial<BackupPlanSpec>,
): FullPlanSpec {
  const full: FullPlanSpec = {
    cluster: spec.cluster,
    namespaces: spec.namespaces ?? [],
    includeKinds: spec.includeKinds ?? [],
    excludeKinds: spec.excludeKinds ?? [],
    clusterScoped: spec.clusterScoped ?? false,
    // The validator may coerce a null to '' or 0: either means none.
    schedule: spec.schedule?.trim() || null,
    retention: {
      count: spec.retention?.count || null,
      maxAgeDays: spec.retention?.maxAgeDays || null,
    },
    destination: spec.destination,
    deadlineSeconds: spec.deadlineSeconds ?? 600,
    ...(spec.labelSelector ? { labelSelector: spec.labelSelector } : {}),
  };
  full.namespaces.forEach((namespace, index) => {
    if (!DNS_LABEL.test(namespace) || namespace.length > 63)
      throw new BackupError(
        'invalid',
        `"${namespace}" is not a namespace name (lower-case letters, digits and -)`,
        `namespaces[${index}]`,
      );
  });
  if (full.schedule !== null) {
    const reading = readCron(full.schedule);
    if (!reading.ok)
      throw new BackupError(
        'invalid',
        `schedule "${full.schedule}" is not a cron schedule: ${reading.problem}`,
        'schedule',
      );
  }
  const overlap = full.includeKinds.filter((kind) => full.excludeKinds.includes(kind));
  if (overlap.length > 0)
    throw new BackupError(
      'invalid',
      `${overlap.join(', ')} is both included and excluded; keep it in one list`,
      'excludeKinds',
    );
  return full;
}

/** Which backups a retention removes: beyond the newest `count`, or older than `maxAgeDays`. Newest first in. */
export function beyondRetention<T extends { startedAt: Date; state: string }>(
  backups: T[],
  retention: { count: number | null; maxAgeDays: number | null },
  now: Date,
): T[] {
  const ended = backups.filter((backup) => backup.state !== 'running');
  const cutoff =
    retention.maxAgeDays === null ? undefined : now.getTime() - retention.maxAgeDays * 86_400_000;
  return ended.filter(
    (backup, index) =>
      (retention.count !== null && index >= retention.count) ||
      (cutoff !== undefined && backup.startedAt.getTime() < cutoff),
  );
}
