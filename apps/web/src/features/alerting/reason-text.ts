import type { I18n } from '../../app/i18n.tsx';
import { fits, under, wordedOr } from '../../app/worded.ts';
import { deliveryWordsEn } from './delivery-words.ts';
import { eventWordsEn } from './event-words.ts';
import { raisedWordsEn } from './raised-words.ts';
import { ruleStateWordsEn } from './rule-state-words.ts';
import { templateAlertText } from './template-alert-text.ts';

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

type Values = Record<string, string | number>;

/** `params` with the delivery error carried inside (`error`, `errorCode`, `error.<name>`) worded. */
function errorInside(t: I18n['t'], params: Values): Values {
  if (typeof params.errorCode !== 'string' || typeof params.error !== 'string') return params;
  const error = deliveryErrorText(t, {
    error: params.error,
    errorCode: params.errorCode,
    errorParams: under('error', params),
  });
  return { ...params, ...(error !== undefined ? { error } : {}) };
}

/**
 * The detail of an event on an alert's timeline in the reader's language, from its code and values (a
 * failed delivery's error inside worded from its own code); the server's English when the console does
 * not know the code or lacks a value its words need, or the event has no code (kept before).
 */
export function eventDetailText(
  t: I18n['t'],
  entry: { detail?: string; detailCode?: string; detailParams?: Values },
): string | undefined {
  if (!entry.detailCode || !entry.detailParams) return entry.detail;
  const key = `alerting.eventDetail.${entry.detailCode}`;
  return wordedOr(t, eventWordsEn, key, errorInside(t, entry.detailParams), entry.detail);
}

/**
 * An alert's summary and description in the reader's language: an alert Portolan raised itself says
 * them as a code and values (the last delivery error inside, itself worded from `errorCode`); a rule's
 * alert, an unknown code or a missing value keeps the server's English.
 */
export function alertText(
  t: I18n['t'],
  alert: { summary: string; description?: string; textCode?: string; textParams?: Values },
  dateTime?: (iso: string) => string,
): { summary: string; description: string | undefined } {
  const params = alert.textParams;
  if (alert.textCode?.startsWith('template.') && params)
    return (
      templateAlertText(t, alert.textCode, params, dateTime) ?? {
        summary: alert.summary,
        description: alert.description,
      }
    );
  const words: Record<string, string> = raisedWordsEn;
  const key = `alerting.raised.${alert.textCode}`;
  if (
    !alert.textCode ||
    !params ||
    // Both or neither: a Chinese summary over an English description reads as a fault.
    !fits(words[`${key}.summary`], params) ||
    !fits(words[`${key}.description`], params)
  )
    return { summary: alert.summary, description: alert.description };
  const values = {
    ...errorInside(t, params),
    // A time (`since`) in the reader's own format, when the page gives one.
    ...(dateTime && typeof params.since === 'string' ? { since: dateTime(params.since) } : {}),
  };
  return {
    summary: wordedOr(t, raisedWordsEn, `${key}.summary`, values, alert.summary),
    description: wordedOr(t, raisedWordsEn, `${key}.description`, values, alert.description),
  };
}
