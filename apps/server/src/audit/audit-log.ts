import type { AuditInput, AuditPage, AuditQuery, AuditStore } from '#server/store/audit/audit-store.ts';
import type { Clock } from '#server/time/clock.ts';

/** What a caller tells the audit log; the time is the log's, and unknown fields are null. */
export type AuditEvent = Pick<AuditInput, 'action' | 'outcome'> &
  Partial<Omit<AuditInput, 'at' | 'action' | 'outcome'>>;

export interface AuditLog {
  /** Appends one record; rejects when it could not be stored, so callers decide how loud to be. */
  record(event: AuditEvent): Promise<void>;
  search(query: AuditQuery): Promise<AuditPage>;
  /** Deletes records older than the retention; answers how many went. */
  prune(): Promise<number>;
}

export const DEFAULT_RETENTION_DAYS = 365;

/** The audit trail: there is deliberately no way to change or delete one record. */
export function createAuditLog(deps: { store: AuditStore; clock: Clock; retentionDays?: number }): AuditLog {
  const retentionDays = deps.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!(retentionDays > 0))
    throw new Error(`audit: the retention must be a positive number of days, not ${retentionDays}`);
  const clip = (text: string | null | undefined, max: number) => (text == null ? null : text.slice(0, max));
  return {
    async record(event) {
      await deps.store.append({
        at: deps.clock().getTime(),
        actor: clip(event.actor, 200),
        credential: clip(event.credential, 100),
        sourceIp: clip(event.sourceIp, 100),
        userAgent: clip(event.userAgent, 500),
        action: event.action,
        verb: event.verb ?? '',
        route: clip(event.route, 500) ?? '',
        resourceKind: clip(event.resourceKind, 200),
        resourceName: clip(event.resourceName, 300),
        cluster: clip(event.cluster, 100),
        namespace: clip(event.namespace, 100),
        outcome: event.outcome,
        status: event.status ?? 0,
        detail: clip(event.detail, 2000),
      });
    },
    search: (query) => deps.store.search(query),
    prune: () => deps.store.prune(deps.clock().getTime() - retentionDays * 86_400_000),
  };
}
