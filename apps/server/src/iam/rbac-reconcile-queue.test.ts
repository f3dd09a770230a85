import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { IamStore } from '#server/store/iam/iam-store.ts';
import { createRbacReconcileQueue } from './rbac-reconcile-queue.ts';
import type { RbacReport } from './rbac-reconciler.ts';

// The queue only hands the store and the client on to the reconcile function these tests replace.
const iam = {} as IamStore;
const client = {} as KubeClient;
const emptyReport = (): RbacReport => ({ created: [], updated: [], deleted: [], skipped: [], failed: [] });

function setUp(reconcile: (cluster: { id: string; name: string }) => Promise<RbacReport>) {
  const warnings: string[] = [];
  const clusters = new Map([
    ['c1', { id: 'c1', name: 'east' }],
    ['c2', { id: 'c2', name: 'west' }],
  ]);
  const queue = createRbacReconcileQueue({
    iam,
    clusterOf: async (id) => clusters.get(id),
    clusterIds: async () => [...clusters.keys()],
    clientOf: (id) => (clusters.has(id) ? client : undefined),
    log: { warn: (_fields, message) => warnings.push(message) },
    reconcile: (_iam, cluster) => reconcile(cluster),
  });
  return { queue, warnings, clusters };
}

test('runs for one cluster go one after another, so an older run never undoes a newer one', async () => {
  const order: string[] = [];
  let first = true;
  const { queue } = setUp(async (cluster) => {
    const label = `${cluster.name}:${first ? 'first' : 'second'}`;
    first = false;
    order.push(`start ${label}`);
    await new Promise((resolve) => setTimeout(resolve, label.endsWith('first') ? 30 : 1));
    order.push(`end ${label}`);
    return emptyReport();
  });
  await Promise.all([queue.reconcile('c1'), queue.reconcile('c1')]);
  assert.deepEqual(order, ['start east:first', 'end east:first', 'start east:second', 'end east:second']);
});

test('a failed run is logged naming the cluster and does not stop the next one', async () => {
  let calls = 0;
  const { queue, warnings } = setUp(async () => {
    calls += 1;
    if (calls === 1) throw new Error('forbidden');
    return { ...emptyReport(), failed: [{ object: 'ClusterRole/x', status: 403, message: 'no' }] };
  });
  await queue.reconcile('c1');
  await queue.reconcile('c1');
  assert.equal(calls, 2);
  assert.deepEqual(warnings, ['keeping the cluster RBAC in step failed', 'some cluster RBAC objects failed']);
});

test('reconcileAll covers every cluster, and a cluster gone meanwhile is skipped', async () => {
  const seen: string[] = [];
  const { queue, clusters } = setUp(async (cluster) => {
    seen.push(cluster.name);
    return emptyReport();
  });
  await queue.reconcileAll();
  assert.deepEqual(seen.sort(), ['east', 'west']);
  clusters.delete('c2');
  await queue.reconcile('c2');
  assert.deepEqual(seen.sort(), ['east', 'west']);
});
