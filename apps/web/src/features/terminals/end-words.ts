import { TERMINAL_END_WORDS, TERMINAL_REFUSAL_WORDS } from '@portolan/api';

/**
 * The console's English for why a terminal session ended and why one was refused (issue #10):
 * packages/api's own words (the server makes its English from the same), under the console's keys.
 * end-words-zh.ts has 简体中文 for every key.
 */
type Prefixed<T, P extends string> = { readonly [K in keyof T & string as `${P}${K}`]: string };

const prefixed = <T extends Record<string, string>, P extends string>(words: T, prefix: P) =>
  Object.fromEntries(Object.entries(words).map(([code, text]) => [`${prefix}${code}`, text])) as Prefixed<
    T,
    P
  >;

export const endWordsEn = {
  ...prefixed(TERMINAL_END_WORDS, 'terminals.end.'),
  ...prefixed(TERMINAL_REFUSAL_WORDS, 'terminals.refusal.'),
};
