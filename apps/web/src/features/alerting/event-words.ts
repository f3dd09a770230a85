import { ALERT_EVENT_WORDS } from '@portolan/api';

/**
 * The console's English for the detail of an event on an alert's timeline (issue #10): packages/api's
 * own words (the server makes its English from the same), under the console's keys
 * `alerting.eventDetail.<code>`. event-words-zh.ts has 简体中文 for every key.
 */
type Prefixed<T> = { readonly [K in keyof T & string as `alerting.eventDetail.${K}`]: string };

export const eventWordsEn = Object.fromEntries(
  Object.entries(ALERT_EVENT_WORDS).map(([code, words]) => [`alerting.eventDetail.${code}`, words]),
) as Prefixed<typeof ALERT_EVENT_WORDS>;
