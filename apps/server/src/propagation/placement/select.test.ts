import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterFacts } from '../contract.ts';
import { selectClusters, selectorMatches } from './select.ts';

const cluster = (name: string, labels: Record<string, string> = {}): ClusterFacts => ({
  name,
  labels,
  status: 'Ready',
});
const clusters = [
  cluster('zeta', { env: 'prod', region: 'eu' }),
  cluster('alpha', { env: 'prod', region: 'us' }),
  cluster('beta', { env: 'dev' }),
  cluster('gamma'),
];

test('names, label matches and all, in name order, without repeats', () => {
  assert.deepEqual(selectClusters({ names: ['gamma', 'beta', 'gamma'] }, clusters), ['beta', 'gamma']);
  assert.deepEqual(selectClusters({ labelSelector: 'env=prod' }, clusters), ['alpha', 'zeta']);
  assert.deepEqual(selectClusters({ names: ['alpha', 'beta'], labelSelector: 'region in (eu)' }, clusters), [
    'alpha',
    'beta',
    'zeta',
  ]);
  assert.deepEqual(selectClusters({ all: true }, clusters), ['alpha', 'beta', 'gamma', 'zeta']);
  assert.deepEqual(selectClusters({ labelSelector: '!env' }, clusters), ['gamma']);
});

test('exclusions win over names, labels and all', () => {
  assert.deepEqual(selectClusters({ all: true, exclude: ['beta', 'zeta'] }, clusters), ['alpha', 'gamma']);
  assert.deepEqual(
    selectClusters({ names: ['alpha'], labelSelector: 'env=prod', exclude: ['alpha'] }, clusters),
    ['zeta'],
  );
  assert.equal(selectorMatches({ all: true, exclude: ['gamma'] }, cluster('gamma')), false);
});

test('an unregistered name is simply not selected; a blank selector selects nothing', () => {
  assert.deepEqual(selectClusters({ names: ['nowhere', 'alpha'] }, clusters), ['alpha']);
  assert.deepEqual(selectClusters({ labelSelector: '  ' }, clusters), []);
  assert.deepEqual(selectClusters({}, clusters), []);
  assert.equal(selectorMatches({ labelSelector: 'env notin (dev)' }, cluster('gamma')), true);
});
