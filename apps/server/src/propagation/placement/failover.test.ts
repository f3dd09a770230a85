import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReplicaPlacement } from '@portolan/api';
import type { ClusterFacts, FailoverState } from '../contract.ts';
import { planFailover } from './failover.ts';
import { splitReplicas } from './split.ts';

const start = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number): Date => new Date(start.getTime() + seconds * 1000);
const ready = (name: string, labels: Record<string, string> = {}): ClusterFacts => ({
  name,
  labels,
  status: 'Ready',
});
const offline = (name: string, sinceSeconds = 0, labels: Record<string, string> = {}): ClusterFacts => ({
  name,
  labels,
  status: 'Offline',
  offlineSince: at(sinceSeconds),
});
const weighted: ReplicaPlacement = {
  mode: 'Weighted',
  weights: [
    { cluster: 'a', weight: 1 },
    { cluster: 'b', weight: 1 },
    { cluster: 'c', weight: 1 },
  ],
};
const empty: FailoverState = { borrowed: {} };

/** One round: the share is the split over all targets as if all were healthy. */
function round(input: {
  now: number;
  targets: ClusterFacts[];
  ready: Record<string, number | undefined>;
  state?: FailoverState;
  placement?: ReplicaPlacement;
  total?: number;
  minReadyReplicas?: number;
}) {
  const placement = 'placement' in input ? input.placement : weighted;
  const share = splitReplicas({ total: input.total ?? 6, placement, targets: input.targets });
  return planFailover({
    now: at(input.now),
    graceSeconds: 10,
    minReadyReplicas: input.minReadyReplicas ?? 0,
    placement,
    targets: input.targets,
    share,
    ready: input.ready,
    state: input.state ?? empty,
  });
}

test('Offline for less than the grace: nothing moves', () => {
  const plan = round({ now: 9, targets: [ready('a'), ready('b'), offline('c', 0)], ready: { a: 2, b: 2 } });
  assert.deepEqual(plan.replicas, { a: 2, b: 2, c: 2 });
  assert.deepEqual(plan.moves, []);
  assert.deepEqual(plan.state, empty);
  // Offline with no known start has not failed yet either.
  const unknownStart = round({
    now: 100,
    targets: [ready('a'), ready('b'), { name: 'c', labels: {}, status: 'Offline' }],
    ready: { a: 2, b: 2 },
  });
  assert.deepEqual(unknownStart.moves, []);
});

test('beyond the grace its share goes to the healthy targets by the placement rule, and stays put', () => {
  const targets = [ready('a'), ready('b'), offline('c', 0)];
  const plan = round({ now: 10, targets, ready: { a: 2, b: 2 } });
  assert.deepEqual(plan.replicas, { a: 3, b: 3, c: 0 });
  assert.deepEqual(plan.state, { borrowed: { a: { c: 1 }, b: { c: 1 } } });
  const beyond = {
    reason: 'c has been Offline for 10 s, beyond the 10 s grace',
    reasonCode: 'event.failover-moved',
    reasonParams: { seconds: 10, grace: 10 },
  };
  assert.deepEqual(plan.moves, [
    { from: 'c', to: 'a', replicas: 1, ...beyond },
    { from: 'c', to: 'b', replicas: 1, ...beyond },
  ]);
  const next = round({ now: 40, targets, ready: { a: 3, b: 3 }, state: plan.state });
  assert.deepEqual(next.replicas, plan.replicas);
  assert.deepEqual(next.state, plan.state);
  assert.deepEqual(next.moves, []);
});

test('failover keeps limits and weights; what no receiver may take stays unplaced', () => {
  const placement: ReplicaPlacement = {
    ...weighted,
    weights: [
      { cluster: 'a', weight: 1 },
      { cluster: 'b', weight: 2 },
      { cluster: 'c', weight: 3 },
    ],
    limits: [{ cluster: 'b', max: 4 }],
  };
  const plan = round({
    now: 60,
    total: 12,
    placement,
    targets: [ready('a'), ready('b'), offline('c', 0)],
    ready: { a: 2, b: 4 },
  });
  // Shares 2/4/6: b is at its max already, so a takes all 6 of c's.
  assert.deepEqual(plan.replicas, { a: 8, b: 4, c: 0 });
  const capped: ReplicaPlacement = {
    ...placement,
    limits: [
      { cluster: 'a', max: 5 },
      { cluster: 'b', max: 4 },
    ],
  };
  const short = round({
    now: 60,
    total: 12,
    placement: capped,
    targets: [ready('a'), ready('b'), offline('c', 0)],
    ready: {},
  });
  assert.deepEqual(short.replicas, { a: 5, b: 4, c: 0 });
});

test('a receiver that is Unknown or Offline itself takes nothing; a failed borrower gives its loan to others', () => {
  const first = round({
    now: 20,
    targets: [ready('a'), { name: 'b', labels: {}, status: 'Unknown' }, offline('c', 0)],
    ready: { a: 2 },
  });
  assert.deepEqual(first.replicas, { a: 4, b: 2, c: 0 });
  const second = round({
    now: 60,
    targets: [offline('a', 30), ready('b'), offline('c', 0)],
    ready: { b: 2 },
    state: first.state,
  });
  assert.deepEqual(second.replicas, { a: 0, b: 6, c: 0 });
  assert.deepEqual(second.state, { borrowed: { b: { a: 2, c: 2 } } });
});

test('returning: borrowed replicas go back only as its ready count rises, never more than became ready', () => {
  const targets = [ready('a'), ready('b'), offline('c', 0)];
  let plan = round({ now: 15, targets, ready: { a: 3, b: 3 } });
  const back = [ready('a'), ready('b'), ready('c')];
  // Back with nothing Ready yet: it plans its full share, the borrowers keep theirs.
  plan = round({ now: 100, targets: back, ready: { a: 3, b: 3, c: 0 }, state: plan.state });
  assert.deepEqual(plan.replicas, { a: 3, b: 3, c: 2 });
  assert.deepEqual(plan.moves, []);
  // One Ready there: one goes back, from the largest borrower (a tie: the first name).
  plan = round({ now: 105, targets: back, ready: { a: 3, b: 3, c: 1 }, state: plan.state });
  assert.deepEqual(plan.replicas, { a: 2, b: 3, c: 2 });
  assert.deepEqual(plan.moves, [
    {
      from: 'a',
      to: 'c',
      replicas: 1,
      reason: 'c is back with 1 of its 2 replicas Ready',
      reasonCode: 'event.failback-moved',
      reasonParams: { ready: 1, share: 2 },
    },
  ]);
  // Still one Ready: nothing more goes.
  plan = round({ now: 110, targets: back, ready: { a: 2, b: 3, c: 1 }, state: plan.state });
  assert.deepEqual(plan.moves, []);
  plan = round({ now: 115, targets: back, ready: { a: 2, b: 3, c: 2 }, state: plan.state });
  assert.deepEqual(plan.replicas, { a: 2, b: 2, c: 2 });
  assert.deepEqual(plan.state, empty);
});

test('returning never takes the ready total below minReadyReplicas', () => {
  let plan = round({ now: 15, targets: [ready('a'), ready('b'), offline('c', 0)], ready: { a: 3, b: 3 } });
  const back = [ready('a'), ready('b'), ready('c')];
  // 2 Ready there, but a and b have only 4 of their 6 Ready: total 6, minimum 5 → only 1 may go.
  plan = round({
    now: 100,
    targets: back,
    ready: { a: 2, b: 2, c: 2 },
    state: plan.state,
    minReadyReplicas: 5,
  });
  assert.equal(
    plan.moves.reduce((sum, move) => sum + move.replicas, 0),
    1,
  );
  plan = round({
    now: 105,
    targets: back,
    ready: { a: 2, b: 3, c: 2 },
    state: plan.state,
    minReadyReplicas: 7,
  });
  assert.deepEqual(plan.moves, []);
  plan = round({
    now: 110,
    targets: back,
    ready: { a: 2, b: 3, c: 2 },
    state: plan.state,
    minReadyReplicas: 6,
  });
  assert.deepEqual(plan.replicas, { a: 2, b: 2, c: 2 });
});

test('Offline again before its replicas are all back: what still stands in stays, the rest moves at once', () => {
  let plan = round({ now: 15, targets: [ready('a'), ready('b'), offline('c', 0)], ready: { a: 3, b: 3 } });
  plan = round({
    now: 100,
    targets: [ready('a'), ready('b'), ready('c')],
    ready: { a: 3, b: 3, c: 1 },
    state: plan.state,
  });
  assert.deepEqual(plan.state, { borrowed: { b: { c: 1 } } });
  plan = round({
    now: 102,
    targets: [ready('a'), ready('b'), offline('c', 101)],
    ready: { a: 2, b: 3 },
    state: plan.state,
  });
  assert.deepEqual(plan.replicas, { a: 3, b: 3, c: 0 });
  assert.deepEqual(plan.moves, [
    {
      from: 'c',
      to: 'a',
      replicas: 1,
      reason: 'c is Offline again while its replicas still run elsewhere',
      reasonCode: 'event.failover-again',
      reasonParams: {},
    },
  ]);
});

test('Duplicated: every cluster runs everything, nothing to move', () => {
  const plan = round({
    now: 100,
    placement: { mode: 'Duplicated' },
    targets: [ready('a'), offline('b', 0)],
    ready: { a: 6 },
  });
  assert.deepEqual(plan.replicas, { a: 6, b: 6 });
  assert.deepEqual(plan.moves, []);
  const none = round({
    now: 100,
    placement: undefined,
    targets: [ready('a'), offline('b', 0)],
    ready: { a: 6 },
  });
  assert.deepEqual(none.moves, []);
});

test('with spreadBy, receivers with the same label value come first', () => {
  const targets = [
    ready('eu-1', { zone: 'eu' }),
    offline('eu-2', 0, { zone: 'eu' }),
    ready('us-1', { zone: 'us' }),
  ];
  const placement: ReplicaPlacement = {
    mode: 'Weighted',
    spreadBy: 'zone',
    limits: [{ cluster: 'eu-1', max: 4 }],
  };
  const plan = round({ now: 30, total: 8, placement, targets, ready: {} });
  // Shares 2/2/4: eu-1 takes eu-2's two (it may hold 4), us-1 keeps its own.
  assert.deepEqual(plan.replicas, { 'eu-1': 4, 'eu-2': 0, 'us-1': 4 });
});

test('the share changing while failed is followed; targets that left drop their loans', () => {
  let plan = round({ now: 15, targets: [ready('a'), ready('b'), offline('c', 0)], ready: {} });
  plan = round({
    now: 20,
    total: 3,
    targets: [ready('a'), ready('b'), offline('c', 0)],
    ready: {},
    state: plan.state,
  });
  assert.deepEqual(plan.replicas, { a: 2, b: 1, c: 0 });
  plan = round({ now: 25, total: 6, targets: [ready('a'), ready('b')], ready: {}, state: plan.state });
  assert.deepEqual(plan, { replicas: { a: 3, b: 3 }, state: empty, moves: [] });
});
