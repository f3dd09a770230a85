import { HELM_ERROR_WORDS } from '@portolan/api';

/**
 * The console's English for why a Helm operation was refused or failed (issue #10): packages/api's own
 * words (the server makes its English from the same), under the console's keys. helm-words-zh.ts has
 * 简体中文 for every key.
 */
type Prefixed<T> = { readonly [K in keyof T & string as `helmActions.error.${K}`]: string };

export const helmWordsEn = Object.fromEntries(
  Object.entries(HELM_ERROR_WORDS).map(([code, words]) => [`helmActions.error.${code}`, words]),
) as Prefixed<typeof HELM_ERROR_WORDS>;
