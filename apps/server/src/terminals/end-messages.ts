import { type TerminalEndReason, type TerminalWordsParams, terminalEnd } from '@portolan/api';
import type { TerminalSettings } from '#server/config/config.ts';

/** Why a session ended: English, and the code and values the console words it from. */
export type EndSaid = ReturnType<typeof terminalEnd>;

/** A limit as whole minutes when it is one, else seconds: which code of the pair, and its values. */
function limit(ms: number, flag: string): { seconds: boolean; params: TerminalWordsParams } {
  return ms % 60_000 === 0
    ? { seconds: false, params: { minutes: ms / 60_000, flag } }
    : { seconds: true, params: { seconds: Math.round(ms / 1000), flag } };
}

/** What the attached browser and the audit trail are told when a session ends for `reason`. */
export function endSaid(
  reason: TerminalEndReason,
  settings: Pick<TerminalSettings, 'idleTimeoutMs' | 'detachGraceMs'>,
): EndSaid {
  if (reason === 'idle') {
    const { seconds, params } = limit(settings.idleTimeoutMs, '--terminal-idle-timeout');
    return terminalEnd(seconds ? 'idle-seconds' : 'idle', params);
  }
  if (reason === 'detached') {
    const { seconds, params } = limit(settings.detachGraceMs, '--terminal-detach-grace');
    return terminalEnd(seconds ? 'detached-seconds' : 'detached', params);
  }
  return terminalEnd(reason);
}

/** The English alone of endSaid. */
export function endMessage(
  reason: TerminalEndReason,
  settings: Pick<TerminalSettings, 'idleTimeoutMs' | 'detachGraceMs'>,
): string {
  return endSaid(reason, settings).message;
}
