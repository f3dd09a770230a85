import type { MessageKey } from '../../app/en.ts';
import type { I18n } from '../../app/i18n.tsx';
import { fits, under, wordedOr } from '../../app/worded.ts';
import { clusterReasonText } from '../clusters/cluster-reason.ts';
import { templateWordsEn } from './template-words.ts';

type Values = Record<string, string | number>;
const words: Record<string, string> = templateWordsEn;

/**
 * The line a template alert's description ends with, in the reader's language: an expiry (its time in
 * the page's format), an offline cluster's own reason worded from the cluster's reason code; else the
 * server's English.
 */
function detailText(t: I18n['t'], params: Values, dateTime?: (iso: string) => string): string {
  const english = String(params.detail ?? '');
  const inside = under('detail', params);
  if (params.detailCode === 'cluster-reason' && typeof params.reasonCode === 'string')
    return clusterReasonText(t, { reason: english, reasonCode: params.reasonCode, reasonParams: inside });
  if (params.detailCode === 'expires' && typeof inside.at === 'string' && dateTime)
    inside.at = dateTime(inside.at);
  return wordedOr(t, templateWordsEn, `alerting.templateDetail.${params.detailCode}`, inside, english);
}

/**
 * A template alert's summary and description in the reader's language, from `template.<code>` and its
 * values (the description's detail line worded too); undefined when the console has no words for the
 * code or a value they need is missing, so the caller shows the server's English.
 */
export function templateAlertText(
  t: I18n['t'],
  textCode: string,
  params: Values,
  dateTime?: (iso: string) => string,
): { summary: string; description: string } | undefined {
  const key = `alerting.templateAlert.${textCode.slice('template.'.length)}`;
  // Both or neither: a Chinese summary over an English description reads as a fault.
  if (!fits(words[`${key}.summary`], params) || !fits(words[`${key}.description`], params)) return undefined;
  const summary = t(`${key}.summary` as MessageKey, params);
  const description = t(`${key}.description` as MessageKey, params);
  if (params.detail === undefined || params.detail === '') return { summary, description };
  return {
    summary,
    description: t('alerting.descriptionWithDetail', {
      description,
      detail: detailText(t, params, dateTime),
    }),
  };
}
