import assert from 'node:assert/strict';
import { test } from 'node:test';
import { policyFormOf, policySpecOf } from './policy-form.ts';

test('a policy saves what it matches and leaves empty parts to the server; it reads back the same', () => {
  const spec = policySpecOf({
    name: 'oncall',
    order: 10,
    levels: ['critical'],
    clusters: [],
    labels: [
      { name: 'team', value: 'web' },
      { name: '', value: 'dropped' },
    ],
    receivers: ['hook'],
    groupBy: ['alertname'],
    groupWait: ' 30s ',
    repeatInterval: '',
    sendResolved: true,
    continue: false,
    enabled: true,
  });
  assert.deepEqual(spec, {
    order: 10,
    groupBy: ['alertname'],
    groupWait: '30s',
    match: { levels: ['critical'], labels: { team: 'web' } },
    receivers: ['hook'],
    sendResolved: true,
    continue: false,
    enabled: true,
  });
  const form = policyFormOf({ name: 'oncall', spec, updatedAt: '' });
  assert.deepEqual(policySpecOf(form), spec);
});
