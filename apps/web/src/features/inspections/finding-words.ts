import { INSPECTION_FINDING_WORDS, INSPECTION_ITEM_WORDS, INSPECTION_RUN_ERROR_WORDS } from '@portolan/api';

/**
 * The console's English for a report (issue #10): what each finding code says, why a run failed, and
 * each item's why and fix, all packages/api's own words (the server makes its English from the same),
 * under the console's keys. finding-words-zh.ts has 简体中文 for every key.
 */
type Prefixed<P extends string, T> = { readonly [K in keyof T & string as `${P}${K}`]: string };

function prefixed<P extends string, T extends Record<string, string>>(prefix: P, words: T): Prefixed<P, T> {
  return Object.fromEntries(
    Object.entries(words).map(([key, value]) => [`${prefix}${key}`, value]),
  ) as Prefixed<P, T>;
}

type ItemWords = typeof INSPECTION_ITEM_WORDS;
const itemPart = <F extends 'why' | 'fix'>(field: F) =>
  Object.fromEntries(Object.entries(INSPECTION_ITEM_WORDS).map(([id, words]) => [id, words[field]])) as {
    [K in keyof ItemWords]: ItemWords[K][F];
  };

export const findingWordsEn = {
  ...prefixed('inspections.finding.', INSPECTION_FINDING_WORDS),
  ...prefixed('inspections.runError.', INSPECTION_RUN_ERROR_WORDS),
  ...prefixed('inspections.why.', itemPart('why')),
  ...prefixed('inspections.fix.', itemPart('fix')),
};
