import { fillWords } from './fill-words.ts';
/**
 * The summary and description of an alert Portolan raises itself (not from a rule), as a code and
 * values beside Portolan's English (issue #10): such an alert carries `textCode` and `textParams`
 * beside `summary` and `description`. The server makes the English from these words, so the two never
 * disagree; the console words the same code in the reader's language
 * (apps/web/src/features/alerting/raised-words-zh.ts; a test checks every code has words with the same
 * placeholders). `error` is the last delivery's error in English; `errorCode` and the values named
 * `error.<name>` say it as a delivery error code (delivery-codes.ts) when it had one.
 */
export const RAISED_ALERT_WORDS = {
  'delivery-failing': {
    summary: 'Notifications to receiver {receiver} keep failing',
    description:
      '{failures} deliveries in a row failed; the last said: {error}. Check the receiver in Notifications (send test shows the error) and its delivery log.',
  },
  'delivery-failing-since': {
    summary: 'Notifications to receiver {receiver} keep failing',
    description:
      '{failures} deliveries in a row failed since {since}; the last said: {error}. Check the receiver in Notifications (send test shows the error) and its delivery log.',
  },
} as const;

export type RaisedAlertCode = keyof typeof RAISED_ALERT_WORDS;
export type RaisedAlertParams = Record<string, string | number>;

/** Every code a raised alert's text can carry: the single list the console's words are checked against. */
export const RAISED_ALERT_CODES = Object.keys(RAISED_ALERT_WORDS) as RaisedAlertCode[];

/** A raised alert's summary and description in English, made from the code, with the code beside them. */
export function raisedAlertText(code: RaisedAlertCode, params: RaisedAlertParams) {
  const words = RAISED_ALERT_WORDS[code];
  return {
    summary: fillWords(words.summary, params),
    description: fillWords(words.description, params),
    textCode: code,
    textParams: params,
  };
}
