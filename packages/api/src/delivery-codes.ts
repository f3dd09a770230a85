import { fillWords } from './fill-words.ts';
/**
 * Why one try at sending a notification failed, as a code and values beside Portolan's English
 * (issue #10): a delivery's attempt (and a receiver's last delivery) carries `errorCode` and
 * `errorParams` beside `error`. The server makes the English from these words, so the two never
 * disagree; the console words the same code in the reader's language
 * (apps/web/src/features/alerting/delivery-words-zh.ts; a test checks every code has words with the
 * same placeholders). `detail` is what the other end (or Node) said, kept as written; `where` is a host
 * or host:port.
 */
export const DELIVERY_ERROR_WORDS = {
  'no-answer': 'no answer from {where} within {seconds} s',
  refused: 'connection refused by {where}: nothing listens there',
  'unknown-host': '{where} is not a known host name (DNS lookup failed)',
  closed: '{where} closed the connection',
  'tls-failed': 'TLS with {where} failed: {detail}',
  'send-failed': 'sending to {where} failed: {detail}',
  answered: '{where} answered {status}',
  'answered-body': '{where} answered {status}: {detail}',
  'robot-refused': '{where} refused: {code}',
  'robot-refused-message': '{where} refused: {code} {detail}',
  'smtp-auth-failed': 'SMTP authentication failed at {where}',
  'smtp-auth-failed-reply': 'SMTP authentication failed at {where}: {detail}',
  'smtp-connect-failed': 'connecting to {where} failed: {detail}',
  'smtp-envelope-refused': '{where} refused a sender or recipient',
  'smtp-envelope-refused-reply': '{where} refused a sender or recipient: {detail}',
  'smtp-send-failed': 'sending mail through {where} failed: {detail}',
  'no-smtp': 'the receiver has no smtp settings',
  'no-url': 'the receiver has no URL',
  'no-receiver': 'there is no receiver named {receiver}: create it, or take it out of policy {policy}',
} as const;

export type DeliveryErrorCode = keyof typeof DELIVERY_ERROR_WORDS;
export type DeliveryErrorParams = Record<string, string | number>;

/** Every code an attempt's error can carry: the single list the console's words are checked against. */
export const DELIVERY_ERROR_CODES = Object.keys(DELIVERY_ERROR_WORDS) as DeliveryErrorCode[];

/** An attempt's error fields: the English made from the code, and the code beside it. */
export function deliveryError(code: DeliveryErrorCode, params: DeliveryErrorParams = {}) {
  const error = fillWords(DELIVERY_ERROR_WORDS[code], params);
  return { error, errorCode: code, errorParams: params };
}

/** `errorCode` in a schema. */
export const deliveryErrorCode = {
  type: 'string',
  enum: DELIVERY_ERROR_CODES,
  description: 'the error as a code the console words (DELIVERY_ERROR_CODES of delivery-codes.ts)',
} as const;

/** `errorParams` in a schema. */
export const deliveryErrorParams = {
  type: 'object',
  additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] },
} as const;
