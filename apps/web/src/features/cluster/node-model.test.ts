import assert from 'node:assert/strict';
import test from 'node:test';
import { mapChanges, nodeRow, parseQuantity, taintChanges } from './node-model.ts';

test('quantities: millicores, binary and decimal suffixes; garbage is NaN', () => {
  assert.equal(parseQuantity('3500m'), 3.5);
  assert.equal(parseQuantity('16Gi'), 16 * 2 ** 30);
  assert.equal(parseQuantity('110'), 110);
  assert.equal(parseQuantity('2k'), 2000);
  assert.ok(Number.isNaN(parseQuantity('lots')));
});

test('a node reads as kubectl shows it: Ready condition, roles from labels, cordon, allocatable', () => {
  const row = nodeRow({
    metadata: {
      name: 'n1',
      labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/worker': 'true' },
      creationTimestamp: '2026-01-01T00:00:00Z',
    },
    spec: { unschedulable: true, taints: [{ key: 'a', effect: 'NoSchedule' }] },
    status: {
      conditions: [{ type: 'Ready', status: 'False' }],
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      nodeInfo: { kubeletVersion: 'v1.34.1' },
    },
  });
  assert.equal(row.ready, 'NotReady');
  assert.equal(row.unschedulable, true);
  assert.deepEqual(row.roles, ['control-plane', 'worker']);
  assert.equal(row.cpuCores, 4);
  assert.equal(row.memoryBytes, 8 * 2 ** 30);
  assert.equal(row.podCapacity, 110);
  assert.equal(row.taints.length, 1);
  assert.equal(nodeRow({ metadata: { name: 'bare' } }).ready, 'Unknown');
});

test('map changes send only what changed: new and changed values, null for a removed key', () => {
  assert.deepEqual(mapChanges({ a: '1', b: '2', c: '3' }, { a: '1', b: 'two', d: '4' }), {
    b: 'two',
    d: '4',
    c: null,
  });
  assert.deepEqual(mapChanges({ a: '1' }, { a: '1' }), {});
});

test('taint changes: a new value is an add (it replaces), a dropped key and effect is a remove', () => {
  const before = [
    { key: 'a', value: '1', effect: 'NoSchedule' },
    { key: 'b', effect: 'NoExecute' },
  ];
  const after = [
    { key: 'a', value: '2', effect: 'NoSchedule' },
    { key: 'c', effect: 'PreferNoSchedule' },
  ];
  assert.deepEqual(taintChanges(before, after), {
    add: after,
    remove: [{ key: 'b', effect: 'NoExecute' }],
  });
  assert.deepEqual(taintChanges(before, before), { add: [], remove: [] });
});
