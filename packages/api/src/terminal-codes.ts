import { fillWords } from './fill-words.ts';
/**
 * Why a web terminal session ended, and why one could not be opened or reached, as a code and values
 * beside Portolan's English (issue #10). The server makes its English from these words, so the two
 * never disagree; the console words the same code in the reader's language
 * (apps/web/src/features/terminals/end-words-zh.ts; a test checks every code has words with the same
 * placeholders). An idle or detach limit is said in whole minutes when it is one, else in seconds,
 * hence two codes for each.
 */
export const TERMINAL_END_WORDS = {
  exit: 'the shell ended',
  closed: 'you ended the terminal',
  idle: 'no input for {minutes} min (the idle timeout, {flag}); open a new terminal to go on',
  'idle-seconds': 'no input for {seconds} s (the idle timeout, {flag}); open a new terminal to go on',
  revoked: 'your access ended; sign in again to open a new terminal',
  'revoked-user': 'your access ended (user disabled or removed, or the terminal’s token revoked)',
  'revoked-cluster': 'you may no longer reach cluster {cluster} through Portolan',
  detached: 'no browser attached for {minutes} min ({flag})',
  'detached-seconds': 'no browser attached for {seconds} s ({flag})',
  'server-stopping': 'the Portolan replica running it is stopping; open a new terminal',
  'replica-lost': 'the Portolan replica running it stopped answering',
  failed: 'the terminal could not start',
} as const;

export type TerminalEndCode = keyof typeof TERMINAL_END_WORDS;
export type TerminalWordsParams = Record<string, string | number>;

/** Every code an ended session's message can carry: the list the console's words are checked against. */
export const TERMINAL_END_CODES = Object.keys(TERMINAL_END_WORDS) as TerminalEndCode[];

/** Why a session ended: the English made from the code, and the code and values beside it. */
export function terminalEnd(code: TerminalEndCode, params: TerminalWordsParams = {}) {
  return { message: fillWords(TERMINAL_END_WORDS[code], params), code, params };
}

/** Why a terminal request was refused (its `messageCode`; the HTTP `code` stays as it was). */
export const TERMINAL_REFUSAL_WORDS = {
  'not-found':
    'you have no open terminal {id}; list yours with GET /api/v1/terminals, or open one on a cluster',
  'other-replica':
    'terminal {id} runs on Portolan replica {replica}, not this one ({here}): reach that replica (sticky sessions on the load balancer), or open a new terminal',
  'too-many-per-user':
    'you have {limit} terminals open, the most one user may have ({flag}): end one (type exit in it, or DELETE /api/v1/terminals/:id) and open this one again',
  'too-many-per-replica':
    'this Portolan replica runs {limit} terminals, the most it may ({flag}): end one of yours, or try again when others have ended',
  unavailable: 'web terminals cannot run on this server: {detail}',
  'could-not-start': 'the terminal could not start: {detail}',
} as const;

export type TerminalRefusalCode = keyof typeof TERMINAL_REFUSAL_WORDS;

/** Every code a terminal refusal's `messageCode` can be. */
export const TERMINAL_REFUSAL_CODES = Object.keys(TERMINAL_REFUSAL_WORDS) as TerminalRefusalCode[];

/** A refusal's English made from its code and values. */
export const terminalRefusalWords = (code: TerminalRefusalCode, params: TerminalWordsParams) =>
  fillWords(TERMINAL_REFUSAL_WORDS[code], params);
