import type { AlertRecord } from '#server/monitoring/contract.ts';
import type { Policy } from './policies.ts';

/** An alert's labels as policies see them: its own, plus alertname and severity from the rule. */
export const routingLabels = (alert: AlertRecord): Record<string, string> => ({
  alertname: alert.rule,
  severity: alert.level,
  ...alert.labels,
});

export function matches(policy: Policy, alert: AlertRecord): boolean {
  const match = policy.spec.match;
  if (!match) return true;
  const labels = routingLabels(alert);
  if (match.levels && match.levels.length > 0 && !match.levels.includes(alert.level)) return false;
  if (match.clusters && match.clusters.length > 0 && !match.clusters.includes(labels.cluster ?? ''))
    return false;
  if (match.namespaces && match.namespaces.length > 0 && !match.namespaces.includes(labels.namespace ?? ''))
    return false;
  return Object.entries(match.labels ?? {}).every(([key, value]) => labels[key] === value);
}

/** The policies an alert goes to: in order, the first match, and further ones while a match says continue. */
export function policiesFor(policies: Policy[], alert: AlertRecord): Policy[] {
  const chosen: Policy[] = [];
  for (const policy of policies) {
    if (!matches(policy, alert)) continue;
    chosen.push(policy);
    if (!policy.spec.continue) break;
  }
  return chosen;
}

export interface AlertGroup {
  policy: Policy;
  key: string;
  labels: Record<string, string>;
  /** Firing alerts that are neither silenced nor inhibited. */
  firing: AlertRecord[];
  /** Every alert of the group the feed knows, resolved ones included (for resolution messages). */
  known: Map<string, AlertRecord>;
}

const held = (alert: AlertRecord) => alert.silencedBy !== undefined || alert.inhibitedBy !== undefined;

/**
 * Alerts grouped per policy by the policy's groupBy labels. Silenced and inhibited alerts are left out
 * of `firing`, so they are not sent (and a group whose alerts are all held resolves nothing: it simply
 * has no firing alerts to send).
 */
export function groupAlerts(policies: Policy[], alerts: AlertRecord[]): Map<string, AlertGroup> {
  const groups = new Map<string, AlertGroup>();
  for (const alert of alerts) {
    for (const policy of policiesFor(policies, alert)) {
      const labels = routingLabels(alert);
      const groupLabels = Object.fromEntries(policy.groupBy.map((key) => [key, labels[key] ?? '']));
      const key = JSON.stringify(policy.groupBy.map((k) => groupLabels[k]));
      const id = `${policy.name}\u0000${key}`;
      let group = groups.get(id);
      if (!group) {
        group = { policy, key, labels: groupLabels, firing: [], known: new Map() };
        groups.set(id, group);
      }
      group.known.set(alert.id, alert);
      if (alert.state === 'firing' && !held(alert)) group.firing.push(alert);
    }
  }
  return groups;
}
