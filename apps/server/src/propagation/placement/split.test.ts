import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReplicaPlacement } from '@portolan/api';
import type { ClusterFacts } from '../contract.ts';
import { distribute, largestRemainder, splitReplicas } from './split.ts';

const cluster = (
  name: string,
  labels: Record<string, string> = {},
  free?: ClusterFacts['free'],
): ClusterFacts => ({
  name,
  labels,
  status: 'Ready',
  free,
});
const abc = [cluster('c'), cluster('a'), cluster('b')];
const split = (total: number, placement: ReplicaPlacement | undefined, targets = abc) =>
  splitReplicas({ total, placement, targets });
const weighted = (
  weights: Record<string, number>,
  rest: Partial<ReplicaPlacement> = {},
): ReplicaPlacement => ({
  mode: 'Weighted',
  weights: Object.entries(weights).map(([cluster, weight]) => ({ cluster, weight })),
  ...rest,
});

test('Duplicated (and no placement) gives every target the whole count, within its limits', () => {
  assert.deepEqual(split(5, undefined), { a: 5, b: 5, c: 5 });
  assert.deepEqual(
    split(5, {
      mode: 'Duplicated',
      limits: [
        { cluster: 'a', max: 2 },
        { cluster: 'b', min: 7 },
      ],
    }),
    {
      a: 2,
      b: 7,
      c: 5,
    },
  );
  assert.deepEqual(split(3, undefined, []), {});
});

test('Weighted: 2:1:2 of 10 is 4/2/4, odd totals go by largest remainder with ties to the first name', () => {
  assert.deepEqual(split(10, weighted({ a: 2, b: 1, c: 2 })), { a: 4, b: 2, c: 4 });
  assert.deepEqual(split(11, weighted({ a: 2, b: 1, c: 2 })), { a: 5, b: 2, c: 4 });
  assert.deepEqual(split(7, weighted({ a: 1, b: 1, c: 1 })), { a: 3, b: 2, c: 2 });
  assert.deepEqual(split(1, weighted({ a: 1, b: 1, c: 1 })), { a: 1, b: 0, c: 0 });
  assert.deepEqual(split(0, weighted({ a: 1, b: 1, c: 1 })), { a: 0, b: 0, c: 0 });
  const counts = split(1001, weighted({ a: 3, b: 5, c: 11 }));
  assert.equal(
    Object.values(counts).reduce((sum, count) => sum + count, 0),
    1001,
  );
});

test('Weighted: unnamed clusters get 0; a label selector entry weighs every cluster it matches; a name wins', () => {
  assert.deepEqual(split(6, weighted({ a: 1, b: 2 })), { a: 2, b: 4, c: 0 });
  const targets = [cluster('a', { tier: 'big' }), cluster('b', { tier: 'big' }), cluster('c')];
  const placement: ReplicaPlacement = {
    mode: 'Weighted',
    weights: [
      { labelSelector: 'tier=big', weight: 3 },
      { cluster: 'b', weight: 1 },
      { labelSelector: '!tier', weight: 2 },
    ],
  };
  assert.deepEqual(split(12, placement, targets), { a: 6, b: 2, c: 4 });
});

test('Weighted: when every weight is 0 (or none is given) the split is even, so replicas are still placed', () => {
  assert.deepEqual(split(7, weighted({ a: 0, b: 0, c: 0 })), { a: 3, b: 2, c: 2 });
  assert.deepEqual(split(4, { mode: 'Weighted' }), { a: 2, b: 1, c: 1 });
});

test('limits: minimums are floors (not extras), maximums caps, overflow goes to the others by weight', () => {
  assert.deepEqual(split(9, weighted({ a: 1, b: 1, c: 1 }, { limits: [{ cluster: 'a', min: 3 }] })), {
    a: 3,
    b: 3,
    c: 3,
  });
  assert.deepEqual(split(9, weighted({ a: 1, b: 1, c: 1 }, { limits: [{ cluster: 'a', min: 5 }] })), {
    a: 5,
    b: 2,
    c: 2,
  });
  assert.deepEqual(split(10, weighted({ a: 2, b: 1, c: 2 }, { limits: [{ cluster: 'a', max: 1 }] })), {
    a: 1,
    b: 3,
    c: 6,
  });
  // A zero weight keeps its minimum.
  assert.deepEqual(split(6, weighted({ a: 1, b: 1 }, { limits: [{ cluster: 'c', min: 2 }] })), {
    a: 2,
    b: 2,
    c: 2,
  });
  // Both kinds of bound at once: weights 1:10, a at least 2, b at most 3: a takes the rest.
  const two = [cluster('a'), cluster('b')];
  assert.deepEqual(
    split(
      10,
      weighted(
        { a: 1, b: 10 },
        {
          limits: [
            { cluster: 'a', min: 2 },
            { cluster: 'b', max: 3 },
          ],
        },
      ),
      two,
    ),
    {
      a: 7,
      b: 3,
    },
  );
});

test('limits: minimums above the total are filled by weight until it runs out; every max full leaves the rest unplaced', () => {
  assert.deepEqual(
    split(
      5,
      weighted(
        { a: 1, b: 3, c: 2 },
        {
          limits: [
            { cluster: 'a', min: 4 },
            { cluster: 'b', min: 3 },
            { cluster: 'c', min: 1 },
          ],
        },
      ),
    ),
    { a: 1, b: 3, c: 1 },
  );
  assert.deepEqual(
    split(
      10,
      weighted(
        { a: 1, b: 1, c: 0 },
        {
          limits: [
            { cluster: 'a', max: 2 },
            { cluster: 'b', max: 3 },
          ],
        },
      ),
    ),
    { a: 2, b: 3, c: 0 },
  );
  // A max below its min caps the min.
  assert.deepEqual(split(4, weighted({ a: 1, b: 1 }, { limits: [{ cluster: 'a', min: 3, max: 1 }] })), {
    a: 1,
    b: 3,
    c: 0,
  });
});

test('Capacity: by how many replicas fit; targets without facts weigh 0 unless none has facts', () => {
  const gib = 1024 ** 3;
  const targets = [
    cluster('a', {}, { cpuMillis: 4000, memoryBytes: 64 * gib, pods: 100 }), // cpu fits 8
    cluster('b', {}, { cpuMillis: 16000, memoryBytes: 8 * gib, pods: 100 }), // memory fits 8
    cluster('c', {}, { cpuMillis: 16000, memoryBytes: 64 * gib, pods: 16 }), // pods fit 16
    cluster('d'), // unknown room
  ];
  const request = { cpuMillis: 500, memoryBytes: gib };
  assert.deepEqual(splitReplicas({ total: 8, placement: { mode: 'Capacity' }, targets, request }), {
    a: 2,
    b: 2,
    c: 4,
    d: 0,
  });
  assert.deepEqual(splitReplicas({ total: 5, placement: { mode: 'Capacity' }, targets: abc, request }), {
    a: 2,
    b: 2,
    c: 1,
  });
  const full = [
    cluster('a', {}, { cpuMillis: 0, memoryBytes: 0, pods: 0 }),
    cluster('b', {}, { cpuMillis: 100, memoryBytes: 0, pods: 3 }),
  ];
  assert.deepEqual(splitReplicas({ total: 4, placement: { mode: 'Capacity' }, targets: full, request }), {
    a: 2,
    b: 2,
  });
  // Without a request, room is counted in pods.
  assert.deepEqual(splitReplicas({ total: 4, placement: { mode: 'Capacity' }, targets: full }), {
    a: 0,
    b: 4,
  });
});

test('spreadBy splits evenly across label values first, then by weight within each', () => {
  const targets = [
    cluster('eu-1', { zone: 'eu' }),
    cluster('eu-2', { zone: 'eu' }),
    cluster('eu-3', { zone: 'eu' }),
    cluster('us-1', { zone: 'us' }),
  ];
  assert.deepEqual(splitReplicas({ total: 6, placement: { mode: 'Weighted', spreadBy: 'zone' }, targets }), {
    'eu-1': 1,
    'eu-2': 1,
    'eu-3': 1,
    'us-1': 3,
  });
  const placement: ReplicaPlacement = {
    ...weighted({ 'eu-1': 3, 'eu-2': 1, 'eu-3': 0, 'us-1': 1 }),
    spreadBy: 'zone',
    limits: [{ cluster: 'us-1', max: 2 }],
  };
  // us can take only 2, so eu takes 8 of 10, 3:1 inside.
  assert.deepEqual(splitReplicas({ total: 10, placement, targets }), {
    'eu-1': 6,
    'eu-2': 2,
    'eu-3': 0,
    'us-1': 2,
  });
  // Clusters without the label are a group of their own.
  const mixed = [cluster('a', { zone: 'x' }), cluster('b'), cluster('c')];
  assert.deepEqual(
    splitReplicas({ total: 4, placement: { mode: 'Weighted', spreadBy: 'zone' }, targets: mixed }),
    {
      a: 2,
      b: 1,
      c: 1,
    },
  );
});

test('the helpers are exact and deterministic', () => {
  const slots = ['x', 'y', 'z'].map((name) => ({ name, weight: 1, min: 0, max: Number.POSITIVE_INFINITY }));
  assert.deepEqual(
    [...largestRemainder(2, slots)],
    [
      ['x', 1],
      ['y', 1],
      ['z', 0],
    ],
  );
  assert.deepEqual(
    [...largestRemainder(2, [...slots].reverse())],
    [
      ['z', 0],
      ['y', 1],
      ['x', 1],
    ],
  );
  assert.deepEqual(
    [...distribute(0, slots)],
    [
      ['x', 0],
      ['y', 0],
      ['z', 0],
    ],
  );
  const big = largestRemainder(100000, [
    { name: 'p', weight: 10000, min: 0, max: 1 },
    { name: 'q', weight: 3, min: 0, max: 1 },
  ]);
  assert.equal((big.get('p') ?? 0) + (big.get('q') ?? 0), 100000);
});
