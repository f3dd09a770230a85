import type { AlertRuleClusterState, AlertRuleSpec } from '@portolan/api';
import type { StoredRule } from '#server/store/alerting/alerting-store.ts';

/** The evaluator's last round for one rule, kept in the store so every replica's routes can show it. */
export interface RuleStatus {
  clusters?: AlertRuleClusterState[];
  lastEvaluation?: string;
  lastEvaluationMs?: number;
  lastError?: string;
}

export const specOf = (rule: StoredRule) => rule.spec as AlertRuleSpec;
export const statusOf = (rule: StoredRule) => (rule.status ?? {}) as RuleStatus;
export const enabled = (spec: AlertRuleSpec) => spec.enabled !== false;

/** The registered clusters a rule covers: those its scope names (still registered), else all. */
export function coveredClusters(spec: Pick<AlertRuleSpec, 'scope'>, registered: readonly string[]): string[] {
  const named = spec.scope?.clusters;
  return named && named.length > 0 ? registered.filter((name) => named.includes(name)) : [...registered];
}
