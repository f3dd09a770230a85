import type { MessageKey } from '../../app/en.ts';
import type { I18n } from '../../app/i18n.tsx';
import { fits } from '../../app/worded.ts';
import { mcsWordsEn } from './mcs-words.ts';

type Params = Record<string, string | number>;
type Words = Pick<I18n, 't' | 'format'>;

/** Values that are instants, written as the reader's dates. */
const DATES = new Set(['since', 'until']);

const known = (key: string): key is keyof typeof mcsWordsEn => key in mcsWordsEn;

/**
 * Why an export offers nothing or an import is not in step, in the reader's language, from its code
 * and values; the server's English when the console does not know the code or lacks a value its words need.
 */
export function mcsReasonText(
  words: Words,
  entry: { reason?: string; reasonCode?: string; reasonParams?: Params },
): string {
  const english = entry.reason ?? '';
  const params = entry.reasonParams;
  if (!entry.reasonCode || !params) return english;
  const key = `mcs.words.${entry.reasonCode}`;
  if (!known(key)) return english;
  if (!fits(mcsWordsEn[key], params)) return english;
  const shown = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      typeof value === 'number'
        ? words.format.number(value)
        : DATES.has(name) && !Number.isNaN(Date.parse(value))
          ? words.format.dateTime(value)
          : value,
    ]),
  );
  return words.t(key as MessageKey, shown);
}
