import { type Health, type HealthSubject, healthOf } from '@portolan/kinds';
import { type WorkloadKind, workloadDescriptor } from './workload-kinds.ts';

// The rules themselves are pure and live in @portolan/kinds, so the console judges stored objects the
// same way; this file adds the kind lookup (and its 400 for a kind that is not a workload).
export type { Condition, Health } from '@portolan/kinds';
export { stuckPodsOf } from '@portolan/kinds';

/** Health by the rule the kind registry names for `kind`; see `healthOf`. */
export function describeHealth(
  kind: WorkloadKind,
  workload: HealthSubject,
  stuckPods: { name: string; reason: string }[] = [],
): Health {
  const rule = workloadDescriptor(kind).health;
  if (!rule) throw new Error(`the kind registry names no health rule for ${kind}`);
  return healthOf(rule, workload, stuckPods);
}
