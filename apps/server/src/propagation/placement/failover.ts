import type { ClusterFacts, FailoverMove, PlanFailover } from '../contract.ts';
import { byName } from './select.ts';
import { distribute, limitsOf, sumOf, weightsOf } from './split.ts';

type Borrowed = Record<string, Record<string, number>>;

/** Seconds since the cluster went Offline (0 when Portolan does not know since when). */
const offlineSeconds = (cluster: ClusterFacts, now: Date): number =>
  cluster.offlineSince ? Math.max(0, (now.getTime() - cluster.offlineSince.getTime()) / 1000) : 0;

/** What each borrower holds for `from`, largest first (then by name), as [borrower, count]. */
function lendersOf(borrowed: Borrowed, from: string): [string, number][] {
  return Object.entries(borrowed)
    .map(([borrower, counts]): [string, number] => [borrower, counts[from] ?? 0])
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || byName(a[0], b[0]));
}

function setBorrowed(borrowed: Borrowed, borrower: string, from: string, count: number): void {
  const counts = borrowed[borrower] ?? {};
  borrowed[borrower] = counts;
  if (count > 0) counts[from] = count;
  else delete counts[from];
  if (Object.keys(counts).length === 0) delete borrowed[borrower];
}

/**
 * One round of failover for one workload (see PlanFailover). Deterministic for the same input.
 *
 * - A cluster has failed when it is Offline for at least the grace (since `offlineSince`; a cluster
 *   Offline with no known start has not failed yet), or Offline again while replicas still stand in
 *   for it. A failed cluster plans 0 replicas and its whole share is covered by receivers: targets that
 *   are reachable (not Offline, not Unknown), split by the placement's rule among them (weights or free
 *   room; evenly when none weighs anything), each within its max. With spreadBy, receivers that share
 *   the failed cluster's label value come first, so the spread holds.
 * - What stands in for a failed cluster stays where it is from round to round (no churn as room
 *   changes); only what is missing is placed anew. A borrower that fails itself drops what it held.
 * - A returning cluster plans its full share at once; borrowers give replicas back only as its ready
 *   count rises past what was already given back, never more in one round than became ready there, and
 *   never so many that the ready total would fall below minReadyReplicas. Largest borrower first.
 * - Duplicated (or no placement): every cluster runs everything; nothing moves.
 *
 * Moves: a failover move goes from the failed cluster to a receiver; a failback move goes from a
 * borrower to the returning cluster (`to` is the one that was Offline).
 */
export const planFailover: PlanFailover = (input) => {
  const { now, graceSeconds, minReadyReplicas, placement, share, ready } = input;
  const targets = [...input.targets].sort((a, b) => byName(a.name, b.name));
  const shareOf = (name: string): number => share[name] ?? 0;
  if (!placement || placement.mode === 'Duplicated') {
    return {
      replicas: Object.fromEntries(targets.map((t) => [t.name, shareOf(t.name)])),
      state: { borrowed: {} },
      moves: [],
    };
  }

  const names = new Set(targets.map((target) => target.name));
  const borrowed: Borrowed = {};
  for (const [borrower, counts] of Object.entries(input.state.borrowed)) {
    for (const [from, count] of Object.entries(counts)) {
      if (names.has(borrower) && names.has(from) && count > 0) setBorrowed(borrowed, borrower, from, count);
    }
  }
  const before = structuredClone(borrowed);
  const owed = (from: string): number => lendersOf(borrowed, from).reduce((sum, [, count]) => sum + count, 0);
  const failed = new Set(
    targets
      .filter((t) => t.status === 'Offline' && (offlineSeconds(t, now) >= graceSeconds || owed(t.name) > 0))
      .map((t) => t.name),
  );
  for (const borrower of Object.keys(borrowed)) if (failed.has(borrower)) delete borrowed[borrower];
  const receivers = targets.filter((t) => t.status !== 'Offline' && t.status !== 'Unknown');
  const held = (name: string): number => shareOf(name) + sumOf(Object.values(borrowed[name] ?? {}));
  const moves: FailoverMove[] = [];

  for (const cluster of targets.filter((target) => failed.has(target.name))) {
    const need = shareOf(cluster.name);
    if (owed(cluster.name) > need)
      for (const [borrower] of lendersOf(borrowed, cluster.name))
        setBorrowed(borrowed, borrower, cluster.name, 0);
    const spreadBy = placement.spreadBy;
    const pools = spreadBy
      ? [
          receivers.filter((r) => r.labels[spreadBy] === cluster.labels[spreadBy]),
          receivers.filter((r) => r.labels[spreadBy] !== cluster.labels[spreadBy]),
        ]
      : [receivers];
    for (const pool of pools) {
      const missing = need - owed(cluster.name);
      if (missing <= 0 || pool.length === 0) continue;
      const weights = weightsOf(placement, pool, input.request);
      const slots = pool.map((receiver, i) => ({
        name: receiver.name,
        weight: weights[i] ?? 0,
        min: 0,
        max: Math.max(0, limitsOf(placement, receiver.name).max - held(receiver.name)),
      }));
      for (const [name, count] of distribute(missing, slots)) {
        setBorrowed(borrowed, name, cluster.name, (borrowed[name]?.[cluster.name] ?? 0) + count);
      }
    }
    const seconds = Math.round(offlineSeconds(cluster, now));
    const beyond = seconds >= graceSeconds;
    const reason = beyond
      ? `${cluster.name} has been Offline for ${seconds} s, beyond the ${graceSeconds} s grace`
      : `${cluster.name} is Offline again while its replicas still run elsewhere`;
    const why: Pick<FailoverMove, 'reasonCode' | 'reasonParams'> = beyond
      ? { reasonCode: 'event.failover-moved', reasonParams: { seconds, grace: graceSeconds } }
      : { reasonCode: 'event.failover-again', reasonParams: {} };
    for (const receiver of receivers) {
      const added =
        (borrowed[receiver.name]?.[cluster.name] ?? 0) - (before[receiver.name]?.[cluster.name] ?? 0);
      if (added > 0) moves.push({ from: cluster.name, to: receiver.name, replicas: added, reason, ...why });
    }
  }

  const readyTotal = targets.reduce((sum, target) => sum + (ready[target.name] ?? 0), 0);
  let spare = Math.max(0, readyTotal - minReadyReplicas);
  for (const cluster of targets.filter((target) => !failed.has(target.name) && owed(target.name) > 0)) {
    const outstanding = owed(cluster.name);
    const readyThere = ready[cluster.name] ?? 0;
    const givenBack = shareOf(cluster.name) - outstanding;
    let release = Math.min(outstanding, Math.max(0, readyThere - givenBack), spare);
    spare -= release;
    for (const [borrower, count] of lendersOf(borrowed, cluster.name)) {
      if (release === 0) break;
      const taken = Math.min(count, release);
      release -= taken;
      setBorrowed(borrowed, borrower, cluster.name, count - taken);
      moves.push({
        from: borrower,
        to: cluster.name,
        replicas: taken,
        reason: `${cluster.name} is back with ${readyThere} of its ${shareOf(cluster.name)} replicas Ready`,
        reasonCode: 'event.failback-moved',
        reasonParams: { ready: readyThere, share: shareOf(cluster.name) },
      });
    }
  }

  const replicas = Object.fromEntries(targets.map((t) => [t.name, failed.has(t.name) ? 0 : held(t.name)]));
  return { replicas, state: { borrowed }, moves };
};
