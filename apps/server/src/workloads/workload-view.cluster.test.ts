import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from '@portolan/sandbox/testing';
import { prepareNamespace, type TestNamespace } from './testing/sandbox-namespace.ts';
import { createWorkload } from './workload-create.ts';
import type { WorkloadRef } from './workload-kinds.ts';
import { workloadView } from './workload-view.ts';

let t: TestNamespace;

before(async () => {
  t = await prepareNamespace('view');
});

after(() => t.cleanup());

test("a Deployment's view: its pods, events, conditions and health", async () => {
  const ref: WorkloadRef = { kind: 'Deployment', namespace: t.namespace, name: 'web' };
  await createWorkload(t.client, { ...ref, replicas: 2, containers: [{ name: 'web', image: 'nginx:1.27' }] });
  const view = await eventually('2 ready pods', async () => {
    const current = await workloadView(t.client, ref);
    return current.health.state === 'Available' && current.pods.every((pod) => pod.ready === '1/1')
      ? current
      : undefined;
  });
  assert.equal(view.pods.length, 2);
  assert.ok(
    view.pods.every((pod) => pod.phase === 'Running' && pod.node && pod.ip),
    JSON.stringify(view.pods),
  );
  assert.deepEqual(view.health, { state: 'Available', message: '2 of 2 replicas are available' });
  assert.deepEqual(view.conditions.map((condition) => [condition.type, condition.status]).sort(), [
    ['Available', 'True'],
    ['Progressing', 'True'],
  ]);
  assert.ok(
    view.events.some(
      (event) => event.reason === 'ScalingReplicaSet' && /Scaled up replica set web-/.test(event.message),
    ),
    JSON.stringify(view.events),
  );
});

test('a Deployment whose pods cannot be created is Degraded, with the reason', async () => {
  await t.k('create', 'quota', 'no-pods', '--hard=pods=0', '-n', t.namespace);
  const ref: WorkloadRef = { kind: 'Deployment', namespace: t.namespace, name: 'blocked' };
  await createWorkload(t.client, { ...ref, containers: [{ name: 'web', image: 'nginx:1.27' }] });
  const view = await eventually('Degraded', async () => {
    const current = await workloadView(t.client, ref);
    return current.health.state === 'Degraded' ? current : undefined;
  });
  assert.equal(view.health.reason, 'FailedCreate');
  assert.match(view.health.message, /exceeded quota: no-pods/);
  assert.equal(view.pods.length, 0);
});
