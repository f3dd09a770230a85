import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cidrsOverlap,
  formPathOf,
  nameProblem,
  networkOf,
  newClusterForm,
  parseCidr,
  parseLabel,
  poolFormOf,
  specOf,
  stepOfField,
} from './cluster-form.ts';

test('a cluster name is a DNS label of at most 40 characters', () => {
  assert.equal(nameProblem('prod-eu-1'), undefined);
  assert.equal(nameProblem(''), 'required');
  assert.equal(nameProblem('Prod'), 'invalid');
  assert.equal(nameProblem('-prod'), 'invalid');
  assert.equal(nameProblem('prod_eu'), 'invalid');
  assert.equal(nameProblem('a'.repeat(40)), undefined);
  assert.equal(nameProblem('a'.repeat(41)), 'tooLong');
});

test('a range must be an IPv4 network address with its prefix', () => {
  assert.deepEqual(parseCidr('10.244.0.0/16'), {
    range: { first: 10 * 2 ** 24 + 244 * 2 ** 16, size: 65536 },
    problem: undefined,
  });
  assert.equal(parseCidr('').problem, 'required');
  assert.equal(parseCidr('10.244.0.0').problem, 'invalid');
  assert.equal(parseCidr('10.300.0.0/16').problem, 'invalid');
  assert.equal(parseCidr('10.244.0.0/33').problem, 'invalid');
  assert.equal(parseCidr('10.244.1.0/16').problem, 'notNetwork');
  assert.equal(networkOf('10.244.1.7/16'), '10.244.0.0/16');
  assert.equal(parseCidr('10.0.0.0/7').problem, 'invalid');
  assert.equal(parseCidr('10.0.0.0/30').problem, undefined);
});

test('pod and Service ranges that share addresses overlap; neighbours do not', () => {
  assert.equal(cidrsOverlap('10.244.0.0/16', '10.96.0.0/16'), false);
  assert.equal(cidrsOverlap('10.0.0.0/8', '10.96.0.0/16'), true);
  assert.equal(cidrsOverlap('10.96.0.0/16', '10.96.128.0/17'), true);
  assert.equal(cidrsOverlap('10.96.0.0/17', '10.96.128.0/17'), false);
  // A range not yet valid is not called overlapping: its own field says what is wrong.
  assert.equal(cidrsOverlap('10.96.0.0/16', 'nonsense'), false);
});

test('labels are key=value with an optional prefix', () => {
  assert.deepEqual(parseLabel('tier=web'), { key: 'tier', value: 'web' });
  assert.deepEqual(parseLabel('example.com/team=platform'), { key: 'example.com/team', value: 'platform' });
  assert.deepEqual(parseLabel('gpu'), { key: 'gpu', value: '' });
  assert.equal(parseLabel('bad key=x'), undefined);
  assert.equal(parseLabel('a/b/c=x'), undefined);
  assert.equal(parseLabel('tier=has space'), undefined);
});

test('the form becomes the contract’s spec: labels a map, empty taints dropped, zone only when set', () => {
  const form = newClusterForm('v1.37.2');
  form.name = ' edge-1 ';
  form.nodePools = [
    {
      name: 'gpu',
      count: 2,
      cpu: '16',
      memory: '64Gi',
      maxPods: 50,
      labels: ['accelerator=nvidia', 'gpu'],
      taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }, { key: ' ' }],
      zone: 'zone-a',
    },
  ];
  const spec = specOf(form);
  assert.equal(spec.name, 'edge-1');
  assert.deepEqual(spec.nodePools[0], {
    name: 'gpu',
    count: 2,
    cpu: '16',
    memory: '64Gi',
    maxPods: 50,
    labels: { accelerator: 'nvidia', gpu: '' },
    taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }],
    zone: 'zone-a',
  });
  assert.deepEqual(poolFormOf(spec.nodePools[0] as (typeof spec.nodePools)[number]).labels, [
    'accelerator=nvidia',
    'gpu',
  ]);
});

test('a field the server names lands on the form field and the step that holds it', () => {
  assert.deepEqual(formPathOf('/name'), ['name']);
  assert.deepEqual(formPathOf('/serviceCidr'), ['serviceCidr']);
  assert.deepEqual(formPathOf('/nodePools/1/cpu'), ['nodePools', 1, 'cpu']);
  assert.deepEqual(formPathOf('nodePools[0].labels.env'), ['nodePools', 0, 'labels']);
  assert.deepEqual(formPathOf('/nodePools/0/taints/2/effect'), ['nodePools', 0, 'taints', 2, 'effect']);
  assert.equal(formPathOf('/somethingElse'), undefined);
  assert.equal(stepOfField('/name'), 0);
  assert.equal(stepOfField('/nodePools/3/memory'), 1);
  assert.equal(stepOfField('serviceCidr'), 2);
});
