import { DELIVERY_ERROR_WORDS } from '@portolan/api';

/**
 * The console's English for why a try at sending a notification failed (issue #10): packages/api's own
 * words (the server makes its English from the same), under the console's keys. delivery-words-zh.ts
 * has 简体中文 for every key.
 */
type Prefixed<T> = { readonly [K in keyof T & string as `alerting.deliveryError.${K}`]: string };

export const deliveryWordsEn = Object.fromEntries(
  Object.entries(DELIVERY_ERROR_WORDS).map(([code, words]) => [`alerting.deliveryError.${code}`, words]),
) as Prefixed<typeof DELIVERY_ERROR_WORDS>;
