import type { ReplicaPlacement } from '@portolan/api';
import { matchesLabels } from '#server/store/resources/labels.ts';
import type { ClusterFacts, ReplicaRequest, SplitReplicas } from '../contract.ts';
import { byName, requirementsOf } from './select.ts';

/** One target in a split: its weight and the bounds it must stay within (max Infinity when none). */
export interface Slot {
  name: string;
  weight: number;
  min: number;
  max: number;
}

/**
 * `total` split in proportion to the weights (their sum must be above 0) by the largest remainder:
 * everyone gets the floor of their exact share, then the leftover units go one each to the largest
 * fractional parts, ties to the name that sorts first. All integer arithmetic, so the same on every replica.
 */
export function largestRemainder(total: number, slots: readonly Slot[]): Map<string, number> {
  const sum = slots.reduce((acc, slot) => acc + slot.weight, 0);
  const shares = new Map<string, number>();
  const remainders: { name: string; remainder: number }[] = [];
  let given = 0;
  for (const slot of slots) {
    const exact = total * slot.weight;
    const floor = Math.floor(exact / sum);
    shares.set(slot.name, floor);
    remainders.push({ name: slot.name, remainder: exact - floor * sum });
    given += floor;
  }
  remainders.sort((a, b) => b.remainder - a.remainder || byName(a.name, b.name));
  for (const { name } of remainders.slice(0, total - given)) shares.set(name, (shares.get(name) ?? 0) + 1);
  return shares;
}

export const sumOf = (values: Iterable<number>): number => {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
};

/**
 * `total` split by weight with every slot kept within [min, max]:
 * - when the minimums alone reach `total`, they are filled by weight (highest first, then name) until
 *   `total` runs out: the total is never exceeded, so a later slot's minimum may go unmet;
 * - otherwise the proportional split is bent to the bounds: the slots furthest out of bounds are pinned
 *   to their bound and the rest is split again among the others (minimums are floors, not extras);
 * - a weight of 0 and a max are hard: what no slot may take is left unplaced.
 */
export function distribute(total: number, slots: readonly Slot[]): Map<string, number> {
  const bounded = slots.map((slot) => ({ ...slot, min: Math.min(slot.min, slot.max) }));
  const result = new Map(bounded.map((slot) => [slot.name, 0]));
  if (total <= 0) return result;
  if (sumOf(bounded.map((slot) => slot.min)) >= total) {
    let left = total;
    for (const slot of [...bounded].sort((a, b) => b.weight - a.weight || byName(a.name, b.name))) {
      const given = Math.min(slot.min, left);
      result.set(slot.name, given);
      left -= given;
    }
    return result;
  }
  let open = bounded;
  for (;;) {
    const rest =
      total - sumOf(bounded.filter((slot) => !open.includes(slot)).map((s) => result.get(s.name) ?? 0));
    const weighted = open.filter((slot) => slot.weight > 0);
    const shares = weighted.length > 0 ? largestRemainder(rest, weighted) : new Map<string, number>();
    const share = (slot: Slot): number => shares.get(slot.name) ?? 0;
    const below = open.filter((slot) => share(slot) < slot.min);
    const above = open.filter((slot) => share(slot) > slot.max);
    if (below.length === 0 && above.length === 0) {
      for (const slot of open) result.set(slot.name, share(slot));
      return result;
    }
    const deficit = sumOf(below.map((slot) => slot.min - share(slot)));
    const excess = sumOf(above.map((slot) => share(slot) - slot.max));
    const pinned = new Set<Slot>();
    if (deficit >= excess) for (const slot of below) pinned.add(slot);
    if (excess >= deficit) for (const slot of above) pinned.add(slot);
    for (const slot of pinned) result.set(slot.name, below.includes(slot) ? slot.min : slot.max);
    open = open.filter((slot) => !pinned.has(slot));
    if (open.length === 0) return result;
  }
}

/** How many replicas of `request` fit in a cluster's free room; undefined when its room is unknown. */
export function replicasThatFit(
  cluster: ClusterFacts,
  request: ReplicaRequest | undefined,
): number | undefined {
  const free = cluster.free;
  if (!free) return undefined;
  const fits = (room: number, need: number | undefined): number =>
    need && need > 0 ? Math.floor(Math.max(0, room) / need) : Number.POSITIVE_INFINITY;
  return Math.max(
    0,
    Math.min(
      free.pods,
      fits(free.cpuMillis, request?.cpuMillis),
      fits(free.memoryBytes, request?.memoryBytes),
    ),
  );
}

/**
 * Each target's weight under the placement's mode, in target order:
 * - Weighted: the entry naming the cluster, else the first entry whose label selector matches it, else 0;
 * - Capacity: how many replicas fit in its free room; a target whose room is unknown weighs 0;
 * - when every weight is 0 (no weights given, all zero, or no target has room or known room), every
 *   target weighs 1: an even split, rather than placing nothing.
 */
export function weightsOf(
  placement: ReplicaPlacement | undefined,
  targets: readonly ClusterFacts[],
  request?: ReplicaRequest,
): number[] {
  let weights: number[];
  if (placement?.mode === 'Weighted') {
    const entries = (placement.weights ?? []).map((entry) => ({
      ...entry,
      requirements: requirementsOf(entry.labelSelector),
    }));
    weights = targets.map((target) => {
      const named = entries.find((entry) => entry.cluster === target.name);
      const matched =
        named ?? entries.find((e) => e.requirements && matchesLabels(target.labels, e.requirements));
      return matched?.weight ?? 0;
    });
  } else if (placement?.mode === 'Capacity') {
    weights = targets.map((target) => replicasThatFit(target, request) ?? 0);
  } else {
    weights = targets.map(() => 1);
  }
  return weights.some((weight) => weight > 0) ? weights : targets.map(() => 1);
}

/** Each target's limits from the placement (0 and Infinity when it names none). */
export function limitsOf(
  placement: ReplicaPlacement | undefined,
  name: string,
): { min: number; max: number } {
  const limit = placement?.limits?.find((entry) => entry.cluster === name);
  return { min: limit?.min ?? 0, max: limit?.max ?? Number.POSITIVE_INFINITY };
}

/**
 * With spreadBy, the targets are grouped by that label's value (targets without the label form one
 * group of their own) and `total` is split evenly across the groups that may take replicas (bounded by
 * the sums of their members' limits), then within each group by weight.
 */
function spread(
  total: number,
  slots: readonly Slot[],
  groupOf: (name: string) => string,
): Map<string, number> {
  const groups = new Map<string, Slot[]>();
  for (const slot of slots) {
    const key = groupOf(slot.name);
    groups.set(key, [...(groups.get(key) ?? []), slot]);
  }
  const groupSlots = [...groups].map(([key, members]) => ({
    name: key,
    weight: members.some((member) => member.weight > 0) ? 1 : 0,
    min: sumOf(members.map((member) => member.min)),
    max: sumOf(members.map((member) => member.max)),
  }));
  const groupTotals = distribute(total, groupSlots);
  const result = new Map<string, number>();
  for (const [key, members] of groups) {
    for (const [name, count] of distribute(groupTotals.get(key) ?? 0, members)) result.set(name, count);
  }
  return result;
}

/**
 * The policy's share of `total` for every target (see SplitReplicas). No placement means Duplicated.
 * Duplicated gives every target `total`, kept within its limits; spreadBy does not apply to it.
 */
export const splitReplicas: SplitReplicas = ({ total, placement, targets, request }) => {
  const sorted = [...targets].sort((a, b) => byName(a.name, b.name));
  const answer: Record<string, number> = {};
  if (!placement || placement.mode === 'Duplicated') {
    for (const target of sorted) {
      const { min, max } = limitsOf(placement, target.name);
      answer[target.name] = Math.max(Math.min(total, max), Math.min(min, max));
    }
    return answer;
  }
  const weights = weightsOf(placement, sorted, request);
  const slots = sorted.map((target, i) => ({
    name: target.name,
    weight: weights[i] ?? 0,
    ...limitsOf(placement, target.name),
  }));
  const spreadBy = placement.spreadBy;
  const labelsOf = new Map(sorted.map((target) => [target.name, target.labels]));
  const shares = spreadBy
    ? spread(total, slots, (name) => labelsOf.get(name)?.[spreadBy] ?? '')
    : distribute(total, slots);
  for (const target of sorted) answer[target.name] = shares.get(target.name) ?? 0;
  return answer;
};
