import { fillWords } from './fill-words.ts';
/**
 * Why an alert rule is not evaluated on a cluster (or what holds its alerts), as a code and values
 * beside Portolan's English (issue #10): a rule's per-cluster state carries `reasonCode` and
 * `reasonParams` beside `reason`. The server makes the English from these words, so the two never
 * disagree; the console words the same code in the reader's language
 * (apps/web/src/features/alerting/rule-state-words-zh.ts; a test checks every code has words with the
 * same placeholders). `detail` is the metrics engine's own text, kept as written.
 */
export const ALERT_RULE_STATE_WORDS = {
  'cluster-offline': 'cluster {cluster} is offline: its alerts keep their state until it answers again',
  'no-engine': 'no metrics engine runs; rules on metrics wait for it (Portolan’s own templates still work)',
  'source-missing': 'cluster {cluster} provides no {missing}',
  'engine-unavailable': '{detail}',
  'query-refused': 'the metrics engine refused the query: {detail}',
  error: '{detail}',
} as const;

export type AlertRuleStateCode = keyof typeof ALERT_RULE_STATE_WORDS;
export type AlertRuleStateParams = Record<string, string | number>;

/** Every code a rule's per-cluster state can carry: the single list the console's words are checked against. */
export const ALERT_RULE_STATE_CODES = Object.keys(ALERT_RULE_STATE_WORDS) as AlertRuleStateCode[];

/** The reason fields of a rule's per-cluster state: the English made from the code, and the code beside it. */
export function alertRuleReason(code: AlertRuleStateCode, params: AlertRuleStateParams = {}) {
  const reason = fillWords(ALERT_RULE_STATE_WORDS[code], params);
  return { reason, reasonCode: code, reasonParams: params };
}
