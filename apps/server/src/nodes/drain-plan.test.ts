import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { planDrain } from './drain-plan.ts';

const owner = (kind: string) => ({ apiVersion: 'apps/v1', kind, name: 'x', uid: 'u', controller: true });
const pod = (
  name: string,
  extra: { owner?: string; mirror?: boolean; emptyDir?: boolean; phase?: string } = {},
) =>
  ({
    metadata: {
      name,
      namespace: 'ns',
      ...(extra.owner ? { ownerReferences: [owner(extra.owner)] } : {}),
      ...(extra.mirror ? { annotations: { 'kubernetes.io/config.mirror': 'hash' } } : {}),
    },
    spec: { volumes: extra.emptyDir ? [{ name: 'scratch', emptyDir: {} }] : [] },
    status: { phase: extra.phase ?? 'Running' },
  }) as KubeObject;

const reasons = (options = {}) =>
  planDrain(
    [
      pod('web', { owner: 'ReplicaSet' }),
      pod('agent', { owner: 'DaemonSet' }),
      pod('static', { mirror: true }),
      pod('bare'),
      pod('cache', { owner: 'ReplicaSet', emptyDir: true }),
      pod('done', { phase: 'Succeeded' }),
    ],
    options,
  ).map((plan) => [plan.pod.metadata?.name, plan.evict ? 'evict' : plan.reason]);

test('DaemonSet and mirror pods stay; bare and emptyDir pods stay unless asked; finished pods go', () => {
  assert.deepEqual(reasons(), [
    ['web', 'evict'],
    ['agent', 'DaemonSet'],
    ['static', 'MirrorPod'],
    ['bare', 'Unmanaged'],
    ['cache', 'LocalStorage'],
    ['done', 'evict'],
  ]);
  assert.deepEqual(reasons({ force: true, deleteEmptyDirData: true }), [
    ['web', 'evict'],
    ['agent', 'DaemonSet'],
    ['static', 'MirrorPod'],
    ['bare', 'evict'],
    ['cache', 'evict'],
    ['done', 'evict'],
  ]);
});
