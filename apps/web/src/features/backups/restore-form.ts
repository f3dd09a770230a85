import type { PlanAction, RestorePlanItem } from './types.ts';

/** A Kubernetes namespace name: a DNS label (RFC 1123), at most 63 characters. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why a namespace name cannot be one, or undefined when it can. */
export function dnsLabelProblem(name: string): 'empty' | 'long' | 'chars' | undefined {
  if (!name) return 'empty';
  if (name.length > 63) return 'long';
  if (!DNS_LABEL.test(name)) return 'chars';
  return undefined;
}

/** The mapping sent: only names that change, each to a valid new name. */
export function mappingOf(mapping: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(mapping)) {
    const target = to.trim();
    if (target && target !== from) out[from] = target;
  }
  return out;
}

/** Two source namespaces mapped onto one target would mix their objects: the targets named twice. */
export function clashingTargets(namespaces: string[], mapping: Record<string, string>): string[] {
  const seen = new Map<string, number>();
  for (const name of namespaces) {
    const target = mapping[name]?.trim() || name;
    seen.set(target, (seen.get(target) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([target]) => target);
}

export const PLAN_ACTIONS: PlanAction[] = ['conflict', 'create', 'update', 'skip'];

/** A dry-run plan's items grouped by action (conflicts first), each group in apply order. */
export function groupPlan(items: RestorePlanItem[]): { action: PlanAction; items: RestorePlanItem[] }[] {
  return PLAN_ACTIONS.map((action) => ({
    action,
    items: items.filter((item) => item.action === action).sort((a, b) => a.order - b.order),
  })).filter((group) => group.items.length > 0);
}

/** `deployments.apps` or `Deployment` from a sync resource (group, plural). */
export function kindName(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}
