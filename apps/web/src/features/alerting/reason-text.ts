import type { I18n } from '../../app/i18n.tsx';
import { wordedOr } from '../../app/worded.ts';
import { deliveryWordsEn } from './delivery-words.ts';
import { ruleStateWordsEn } from './rule-state-words.ts';

/**
 * A rule's reason on a cluster in the reader's language, from its code and values; the server's
 * English when the console does not know the code or lacks a value its words need.
 */
export function ruleStateText(
  t: I18n['t'],
  state: { reason?: string; reasonCode?: string; reasonParams?: Record<string, string | number> },
): string | undefined {
  if (!state.reasonCode) return state.reason;
  return wordedOr(
    t,
    ruleStateWordsEn,
    `alerting.ruleState.${state.reasonCode}`,
    state.reasonParams,
    state.reason,
  );
}

/**
 * Why a try at sending a notification failed, in the reader's language, from its code and values; the
 * server's English when the console does not know the code or lacks a value its words need.
 */
export function deliveryErrorText(
  t: I18n['t'],
  attempt: { error?: string; errorCode?: string; errorParams?: Record<string, string | number> },
): string | undefined {
  if (!attempt.errorCode) return attempt.error;
  const key = `alerting.deliveryError.${attempt.errorCode}`;
  return wordedOr(t, deliveryWordsEn, key, attempt.errorParams, attempt.error);
}
