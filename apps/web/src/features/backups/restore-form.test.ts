import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clashingTargets, dnsLabelProblem, groupPlan, mappingOf } from './restore-form.ts';
import type { RestorePlanItem } from './types.ts';

test('a namespace name must be a DNS label', () => {
  assert.equal(dnsLabelProblem('shop-2'), undefined);
  assert.equal(dnsLabelProblem(''), 'empty');
  assert.equal(dnsLabelProblem('Shop'), 'chars');
  assert.equal(dnsLabelProblem('-shop'), 'chars');
  assert.equal(dnsLabelProblem('shop_2'), 'chars');
  assert.equal(dnsLabelProblem('a'.repeat(64)), 'long');
});

test('the mapping sent holds only the names that change', () => {
  assert.deepEqual(mappingOf({ shop: 'shop-copy', web: 'web', api: ' ' }), { shop: 'shop-copy' });
});

test('two namespaces mapped onto one are named', () => {
  assert.deepEqual(clashingTargets(['a', 'b', 'c'], { a: 'b' }), ['b']);
  assert.deepEqual(clashingTargets(['a', 'b'], { a: 'x' }), []);
});

test('a plan groups by action, conflicts first, each in apply order', () => {
  const item = (name: string, action: RestorePlanItem['action'], order: number): RestorePlanItem => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name,
    action,
    order,
    reason: null,
  });
  const groups = groupPlan([item('b', 'create', 2), item('a', 'create', 1), item('c', 'conflict', 3)]);
  assert.deepEqual(
    groups.map((group) => [group.action, group.items.map((entry) => entry.name)]),
    [
      ['conflict', ['c']],
      ['create', ['a', 'b']],
    ],
  );
});
