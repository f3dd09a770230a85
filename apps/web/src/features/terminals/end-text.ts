import { ApiError } from '../../api/client.ts';
import type { I18n } from '../../app/i18n.tsx';
import { wordedOr } from '../../app/worded.ts';
import { endWordsEn } from './end-words.ts';

type Values = Record<string, string | number>;

/**
 * Why a session ended, in the reader's language from the server's code and values; the server's
 * English when there is no code, the console does not know it, or a value its words need is missing.
 */
export function endText(t: I18n['t'], ended: { message: string; code?: string; params?: Values }): string {
  if (!ended.code) return ended.message;
  return wordedOr(t, endWordsEn, `terminals.end.${ended.code}`, ended.params, ended.message);
}

/** Why opening (or reaching) a terminal was refused, in the reader's language; else as the error says. */
export function refusalText(t: I18n['t'], error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const body = error.body as { messageCode?: unknown; params?: Values };
  if (typeof body.messageCode !== 'string') return error.message;
  return wordedOr(t, endWordsEn, `terminals.refusal.${body.messageCode}`, body.params, error.message);
}
