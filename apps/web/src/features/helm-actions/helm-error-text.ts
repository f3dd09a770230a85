import type { ErrorBody } from '@portolan/api';
import { ApiError } from '../../api/client.ts';
import type { I18n } from '../../app/i18n.tsx';
import { wordedOr } from '../../app/worded.ts';
import { helmWordsEn } from './helm-words.ts';

/**
 * A Helm refusal in the reader's language, from the server's `messageCode` and `params`; the error's
 * own message (the server's English, or the console's words for a general refusal) when there is no
 * code, the console does not know it, or a value its words need is missing.
 */
export function helmErrorText(t: I18n['t'], error: unknown): string {
  if (error instanceof ApiError) return helmBodyText(t, error.body, error.message);
  if (isBody(error)) return helmBodyText(t, error, error.message);
  return error instanceof Error ? error.message : String(error ?? '');
}

/** A refusal's `{ error }` body (a multi-cluster install's per-cluster refusal) in the reader's language. */
function helmBodyText(t: I18n['t'], body: ErrorBody, fallback: string): string {
  const code = (body as { messageCode?: unknown }).messageCode;
  if (typeof code !== 'string') return fallback;
  return wordedOr(t, helmWordsEn, `helmActions.error.${code}`, body.params, fallback);
}

const isBody = (value: unknown): value is ErrorBody =>
  typeof value === 'object' &&
  value !== null &&
  !(value instanceof Error) &&
  typeof (value as { message?: unknown }).message === 'string' &&
  typeof (value as { code?: unknown }).code === 'string';
