import type { TerminalEndReason } from '@portolan/api';
import type { TerminalSettings } from '#server/config/config.ts';

const minutes = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`);

/** What the attached browser and the audit trail are told when a session ends for `reason`. */
export function endMessage(
  reason: TerminalEndReason,
  settings: Pick<TerminalSettings, 'idleTimeoutMs' | 'detachGraceMs'>,
): string {
  switch (reason) {
    case 'exit':
      return 'the shell ended';
    case 'closed':
      return 'you ended the terminal';
    case 'idle':
      return `no input for ${minutes(settings.idleTimeoutMs)} (the idle timeout, --terminal-idle-timeout); open a new terminal to go on`;
    case 'revoked':
      return 'your access ended; sign in again to open a new terminal';
    case 'detached':
      return `no browser attached for ${minutes(settings.detachGraceMs)} (--terminal-detach-grace)`;
    case 'server-stopping':
      return 'the Portolan replica running it is stopping; open a new terminal';
    case 'replica-lost':
      return 'the Portolan replica running it stopped answering';
    case 'failed':
      return 'the terminal could not start';
  }
}
