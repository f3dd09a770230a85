import assert from 'node:assert/strict';
import test from 'node:test';
import type { PropagationTarget } from '@portolan/api';
import { totalOf, workloadsOf } from './workload-model.ts';

const deployment = (ready: number, desired: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
  state: 'applied' as const,
  replicas: { ready, desired },
});

test('a workload on several clusters is one entry with a place per cluster and their total', () => {
  const targets: PropagationTarget[] = [
    {
      cluster: 'a',
      state: 'applied',
      objects: [deployment(2, 4), { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', state: 'applied' }],
    },
    { cluster: 'b', state: 'offline', objects: [deployment(0, 6)] },
    { cluster: 'c', state: 'pending', objects: [] },
  ];
  const workloads = workloadsOf(targets);
  assert.equal(workloads.length, 1, 'objects without replicas are not workloads');
  const [web] = workloads;
  assert.equal(web?.label, 'Deployment shop/web');
  assert.deepEqual(
    web?.placed.map((entry) => entry.cluster),
    ['a', 'b'],
  );
  assert.deepEqual(web && totalOf(web), { ready: 2, desired: 10 });
});
