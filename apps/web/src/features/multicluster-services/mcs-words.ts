import { MCS_WORDS } from '@portolan/api';

/**
 * The console's English for why a multi-cluster Service's export offers nothing or an import is not in
 * step (issue #10): packages/api's own words (the server makes its English from the same), under the
 * console's keys. mcs-words-zh.ts has 简体中文 for every key.
 */
type Prefixed<T> = { readonly [K in keyof T & string as `mcs.words.${K}`]: string };

export const mcsWordsEn = Object.fromEntries(
  Object.entries(MCS_WORDS).map(([code, words]) => [`mcs.words.${code}`, words]),
) as Prefixed<typeof MCS_WORDS>;
