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
    phase('apps', 'deployments', { spec: { replicas: 3 }, status: { readyReplicas: 3 } }),
    'Ready',
  );
  assert.equal(
    phase('apps', 'deployments', { spec: { replicas: 3 }, status: { readyReplicas: 1 } }),
    'NotReady',
  );
  assert.equal(phase('apps', 'deployments', { spec: { replicas: 0 }, status: {} }), 'Ready');
  assert.equal(
    phase('apps', 'daemonsets', { status: { numberReady: 2, desiredNumberScheduled: 3 } }),
    'NotReady',
  );
  assert.equal(
    phase('batch', 'jobs', { status: { conditions: [{ type: 'Failed', status: 'True' }] } }),
    'Failed',
  );
  assert.equal(phase('batch', 'jobs', { status: {} }), 'Running');
  assert.equal(phase('', 'persistentvolumeclaims', { status: { phase: 'Bound' } }), 'Bound');
  assert.equal(phase('', 'configmaps', {}), null);
  assert.equal(
    recordFromObject({ group: '', version: 'v1', resource: 'nodes' }, object('Node', {})).nodeName,
    null,
    'only pods have a node',
  );
});

test('an object without a name is refused', () => {
  assert.throws(
    () => recordFromObject({ group: '', version: 'v1', resource: 'pods' }, { metadata: {} }),
    /pods object has no metadata.name/,
  );
});
