import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordFromObject } from './resource-record.ts';

const object = (kind: string, extra: Record<string, unknown>) => ({
  kind,
  metadata: {
    name: 'x',
    namespace: 'ns',
    uid: 'u1',
    resourceVersion: '42',
    creationTimestamp: '2025-03-04T05:06:07Z',
    labels: { app: 'web', broken: 7 },
    managedFields: [{ manager: 'kubectl' }],
    ownerReferences: [
      { uid: 'not-controller', controller: false },
      { uid: 'controller', controller: true },
    ],
  },
  ...extra,
});

test('keeps the fields lists filter on and drops managedFields', () => {
  const record = recordFromObject(
    { group: '', version: 'v1', resource: 'pods' },
    object('Pod', { spec: { nodeName: 'node-1' }, status: { phase: 'Pending' } }),
  );
  assert.equal(record.kind, 'Pod');
  assert.equal(record.namespace, 'ns');
  assert.equal(record.resourceVersion, '42');
  assert.deepEqual(record.labels, { app: 'web' });
  assert.equal(record.ownerUid, 'controller');
  assert.equal(record.nodeName, 'node-1');
  assert.equal(record.phase, 'Pending');
  assert.equal(record.createdAt?.toISOString(), '2025-03-04T05:06:07.000Z');
  assert.equal('managedFields' in (record.object as { metadata: object }).metadata, false);
});

test('phase is the status word of each kind', () => {
  const phase = (group: string, resource: string, extra: Record<string, unknown>) =>
    recordFromObject({ group, version: 'v1', resource }, object('K', extra)).phase;
  const ready = (status: string) => ({ status: { conditions: [{ type: 'Ready', status }] } });
  assert.equal(phase('', 'nodes', ready('True')), 'Ready');
  assert.equal(phase('', 'nodes', ready('False')), 'NotReady');
  assert.equal(phase('', 'nodes', {}), 'Unknown');
  assert.equal(
    phase('apps', 'replicasets', { spec: { replicas: 3 }, status: { readyReplicas: 1 } }),
    'NotReady',
  );
  assert.equal(phase('', 'persistentvolumeclaims', { status: { phase: 'Bound' } }), 'Bound');
  assert.equal(phase('', 'configmaps', {}), null);
  // An event's type, so the events list filters Warnings on the server; a reporter that sends none means Normal.
  assert.equal(phase('', 'events', { type: 'Warning' }), 'Warning');
  assert.equal(phase('events.k8s.io', 'events', { type: 'Normal' }), 'Normal');
  assert.equal(phase('', 'events', {}), 'Normal');
  assert.equal(
    recordFromObject({ group: '', version: 'v1', resource: 'nodes' }, object('Node', {})).nodeName,
    null,
    'only pods have a node',
  );
});

test("a workload's status word is its health in words, as healthOf judges the object", () => {
  const phase = (group: string, resource: string, extra: Record<string, unknown>) =>
    recordFromObject({ group, version: 'v1', resource }, object('K', extra)).phase;
  const rolledOut = { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 };
  assert.equal(phase('apps', 'deployments', { spec: { replicas: 3 }, status: rolledOut }), 'Available');
  assert.equal(
    phase('apps', 'deployments', {
      spec: { replicas: 3 },
      status: { ...rolledOut, readyReplicas: 2, availableReplicas: 2 },
    }),
    'Progressing',
    'a replica not yet available, within the progress deadline',
  );
  assert.equal(
    phase('apps', 'deployments', {
      spec: { replicas: 3 },
      status: {
        ...rolledOut,
        availableReplicas: 2,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      },
    }),
    'Degraded',
  );
  assert.equal(phase('apps', 'deployments', { spec: { replicas: 1, paused: true } }), 'Paused');
  assert.equal(phase('apps', 'deployments', { spec: { replicas: 0 }, status: {} }), 'Available');
  assert.equal(
    phase('apps', 'daemonsets', {
      status: { desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 },
    }),
    'Progressing',
  );
  assert.equal(
    phase('apps', 'statefulsets', {
      spec: { replicas: 2 },
      status: { readyReplicas: 2, updatedReplicas: 2 },
    }),
    'Available',
  );
  const job = (type: string) => ({ status: { conditions: [{ type, status: 'True' }] } });
  assert.equal(phase('batch', 'jobs', job('Complete')), 'Complete');
  assert.equal(phase('batch', 'jobs', job('Failed')), 'Degraded');
  assert.equal(phase('batch', 'jobs', { status: { active: 1 } }), 'Progressing');
  assert.equal(phase('batch', 'jobs', { spec: { suspend: true } }), 'Suspended');
  assert.equal(phase('batch', 'cronjobs', { spec: { schedule: '* * * * *' } }), 'Available');
  assert.equal(phase('batch', 'cronjobs', { spec: { suspend: true } }), 'Suspended');
});

test('an object without a name is refused', () => {
  assert.throws(
    () => recordFromObject({ group: '', version: 'v1', resource: 'pods' }, { metadata: {} }),
    /pods object has no metadata.name/,
  );
});
