import { ALERT_RULE_STATE_WORDS } from '@portolan/api';

/**
 * The console's English for why a rule is not evaluated on a cluster (issue #10): packages/api's own
 * words (the server makes its English from the same), under the console's keys.
 * rule-state-words-zh.ts has 简体中文 for every key.
 */
type Prefixed<T> = { readonly [K in keyof T & string as `alerting.ruleState.${K}`]: string };

export const ruleStateWordsEn = Object.fromEntries(
  Object.entries(ALERT_RULE_STATE_WORDS).map(([code, words]) => [`alerting.ruleState.${code}`, words]),
) as Prefixed<typeof ALERT_RULE_STATE_WORDS>;
