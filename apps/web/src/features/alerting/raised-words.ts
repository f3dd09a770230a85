import { RAISED_ALERT_WORDS } from '@portolan/api';

/**
 * The console's English for the summary and description of an alert Portolan raises itself (issue
 * #10): packages/api's own words (the server makes its English from the same), under the console's
 * keys `alerting.raised.<code>.summary` and `.description`. raised-words-zh.ts has 简体中文 for every key.
 */
type Keys<T> = {
  readonly [K in keyof T & string as
    | `alerting.raised.${K}.summary`
    | `alerting.raised.${K}.description`]: string;
};

export const raisedWordsEn = Object.fromEntries(
  Object.entries(RAISED_ALERT_WORDS).flatMap(([code, words]) => [
    [`alerting.raised.${code}.summary`, words.summary],
    [`alerting.raised.${code}.description`, words.description],
  ]),
) as Keys<typeof RAISED_ALERT_WORDS>;
