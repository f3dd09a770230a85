import { TEMPLATE_ALERT_WORDS, TEMPLATE_DETAIL_WORDS } from '@portolan/api';

/**
 * The console's English for the summary and description of the alerts Portolan's templates raise, and
 * for the line their descriptions end with (issue #10): packages/api's own words (the server makes its
 * English from the same), under the console's keys `alerting.templateAlert.<code>.summary` and
 * `.description`, and `alerting.templateDetail.<code>`. template-words-zh.ts has 简体中文 for every key.
 */
type Keys<T> = {
  readonly [K in keyof T & string as
    | `alerting.templateAlert.${K}.summary`
    | `alerting.templateAlert.${K}.description`]: string;
};
type Details<T> = { readonly [K in keyof T & string as `alerting.templateDetail.${K}`]: string };

export const templateWordsEn = {
  ...(Object.fromEntries(
    Object.entries(TEMPLATE_ALERT_WORDS).flatMap(([code, words]) => [
      [`alerting.templateAlert.${code}.summary`, words.summary],
      [`alerting.templateAlert.${code}.description`, words.description],
    ]),
  ) as Keys<typeof TEMPLATE_ALERT_WORDS>),
  ...(Object.fromEntries(
    Object.entries(TEMPLATE_DETAIL_WORDS).map(([code, words]) => [`alerting.templateDetail.${code}`, words]),
  ) as Details<typeof TEMPLATE_DETAIL_WORDS>),
};
