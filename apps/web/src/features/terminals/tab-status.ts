import type { MessageKey } from '../../app/en.ts';
import type { LinkState } from './terminal-link.ts';

/** A tab's state: opening the session, refused, or its link's. */
export type TabStatus = { phase: 'opening' } | { phase: 'failed'; message: string } | LinkState;

/** Ant Design's status dot for the tab. */
export function statusDot(status: TabStatus): 'success' | 'processing' | 'warning' | 'error' | 'default' {
  switch (status.phase) {
    case 'connected':
      return 'success';
    case 'opening':
    case 'connecting':
      return 'processing';
    case 'reconnecting':
    case 'elsewhere':
    case 'other-replica':
      return 'warning';
    case 'failed':
      return 'error';
    case 'ended':
      return status.reason === 'revoked' || status.reason === 'failed' ? 'error' : 'default';
  }
}

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The state in words: "Connecting…", "Reconnecting (attempt 2, next in 3 s)", "Ended: idle". */
export function statusWords(t: Translate, status: TabStatus, now: number): string {
  switch (status.phase) {
    case 'opening':
      return t('terminals.state.opening');
    case 'connecting':
      return status.attempt > 0
        ? t('terminals.state.connectingAgain', { attempt: status.attempt })
        : t('terminals.state.connecting');
    case 'connected':
      return t('terminals.state.connected');
    case 'reconnecting':
      return t('terminals.state.reconnecting', {
        attempt: status.attempt,
        seconds: Math.max(0, Math.ceil((status.nextAt - now) / 1000)),
      });
    case 'ended':
      return t('terminals.state.ended', { reason: t(`terminals.reason.${status.reason}`) });
    case 'elsewhere':
      return t('terminals.state.elsewhere');
    case 'other-replica':
      return t('terminals.state.otherReplica');
    case 'failed':
      return t('terminals.state.failed');
  }
}

/** Whether the session may still be running on the server (closing the tab then ends it). */
export function mayBeRunning(status: TabStatus | undefined): boolean {
  return !status || (status.phase !== 'ended' && status.phase !== 'failed');
}
