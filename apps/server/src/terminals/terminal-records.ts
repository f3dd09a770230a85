import type { TerminalEndReason, TerminalRecord } from '@portolan/api';
import type { AuditLog } from '#server/audit/audit-log.ts';
import type { StoredTerminal } from '#server/store/terminals/terminal-store.ts';

/** A stored session as the history route answers it. */
export const terminalRecordOf = (row: StoredTerminal): TerminalRecord => ({
  id: row.id,
  user: row.user,
  cluster: row.cluster,
  replica: row.replica,
  startedAt: row.startedAt.toISOString(),
  endedAt: row.endedAt?.toISOString() ?? null,
  endReason: row.endReason as TerminalEndReason | null,
  bytesIn: row.bytesIn,
  bytesOut: row.bytesOut,
  hasTranscript: row.hasTranscript,
});

/**
 * One audit entry for a terminal that ended other than by its owner's DELETE (which the audit hook
 * records): who, cluster, start, end, bytes and why. A failure to record is logged, never thrown.
 */
export async function recordTerminalEnd(
  deps: { audit: Pick<AuditLog, 'record'>; log: { warn(fields: object, message: string): void } },
  row: Pick<StoredTerminal, 'id' | 'user' | 'cluster' | 'startedAt' | 'bytesIn' | 'bytesOut'>,
  at: Date,
  reason: TerminalEndReason,
  message: string,
): Promise<void> {
  const outcome =
    reason === 'revoked' ? 'denied' : reason === 'failed' || reason === 'replica-lost' ? 'failed' : 'allowed';
  await deps.audit
    .record({
      action: 'terminal.ended',
      outcome,
      actor: row.user.name,
      cluster: row.cluster,
      resourceKind: 'terminal',
      resourceName: row.id,
      detail: `${reason}: ${message}; started ${row.startedAt.toISOString()}, ended ${at.toISOString()}, ${row.bytesIn} bytes in, ${row.bytesOut} bytes out`,
    })
    .catch((error: unknown) =>
      deps.log.warn({ err: error, terminal: row.id }, 'audit: the end of a terminal could not be recorded'),
    );
}
