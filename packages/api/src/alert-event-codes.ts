import { fillWords } from './fill-words.ts';

/**
 * The detail of an event on an alert's timeline, as a code and values beside Portolan's English (issue
 * #10): a timeline entry carries `detailCode` and `detailParams` beside `detail`. The server makes the
 * English from these words, so the two never disagree; the console words the same code in the reader's
 * language (apps/web/src/features/alerting/event-words-zh.ts; a test checks every code has words with
 * the same placeholders). `notify-failed` carries the delivery's error as `error` (English) with
 * `errorCode` and `error.<name>` values when it had a delivery code (delivery-codes.ts).
 */
export const ALERT_EVENT_WORDS = {
  raised: 'raised by Portolan',
  'resolved-by-portolan': 'resolved by Portolan',
  'condition-held': 'condition held; waiting {for}',
  value: 'value {value}',
  'rule-removed': 'its rule was removed',
  'rule-uncovered': 'its rule no longer covers it',
  'condition-gone': 'condition no longer holds',
  silenced: 'silence {silence} by {by}: {comment}',
  unsilenced: 'silence {silence} ended',
  inhibited: 'cluster {cluster} is offline (alert {alert})',
  uninhibited: 'cluster {cluster} answers again',
  'notified-firing': 'firing message to {receiver}',
  'notified-resolved': 'resolved message to {receiver}',
  'notify-failed': '{receiver}: {error}',
} as const;

export type AlertEventCode = keyof typeof ALERT_EVENT_WORDS;
export type AlertEventParams = Record<string, string | number>;

/** Every code a timeline entry's detail can carry: the single list the console's words are checked against. */
export const ALERT_EVENT_CODES = Object.keys(ALERT_EVENT_WORDS) as AlertEventCode[];

/** A timeline entry's detail in English, made from the code, with the code and values beside it. */
export function alertEventDetail(code: AlertEventCode, params: AlertEventParams = {}) {
  return { detail: fillWords(ALERT_EVENT_WORDS[code], params), detailCode: code, detailParams: params };
}

/** A timeline entry's detail as the server keeps it: the English, and its code and values when coded. */
export interface AlertEventDetail {
  detail: string;
  detailCode?: string;
  detailParams?: AlertEventParams;
}
