import type { MessageKey } from '../../app/en.ts';
import type { I18n } from '../../app/i18n.tsx';
import { fits } from '../../app/worded.ts';
import { deliveryWordsEn } from './delivery-words.ts';
import { ruleStateWordsEn } from './rule-state-words.ts';

const known = (key: string): key is keyof typeof ruleStateWordsEn => key in ruleStateWordsEn;

/**
 * A rule's reason on a cluster in the reader's language, from its code and values; the server's
 * English when the console does not know the code or lacks a value its words need.
 */
export function ruleStateText(
  t: I18n['t'],
  state: { reason?: string; reasonCode?: string; reasonParams?: Record<string, string | number> },
): string | undefined {
  const params = state.reasonParams;
  if (!state.reasonCode || !params) return state.reason;
  const key = `alerting.ruleState.${state.reasonCode}`;
  if (!known(key)) return state.reason;
  return fits(ruleStateWordsEn[key], params) ? t(key as MessageKey, params) : state.reason;
}

const knownDelivery = (key: string): key is keyof typeof deliveryWordsEn => key in deliveryWordsEn;

/**
 * Why a try at sending a notification failed, in the reader's language, from its code and values; the
 * server's English when the console does not know the code or lacks a value its words need.
 */
export function deliveryErrorText(
  t: I18n['t'],
  attempt: { error?: string; errorCode?: string; errorParams?: Record<string, string | number> },
): string | undefined {
  const params = attempt.errorParams;
  if (!attempt.errorCode || !params) return attempt.error;
  const key = `alerting.deliveryError.${attempt.errorCode}`;
  if (!knownDelivery(key)) return attempt.error;
  return fits(deliveryWordsEn[key], params) ? t(key as MessageKey, params) : attempt.error;
}
