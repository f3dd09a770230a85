import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PropagationDocument } from '@portolan/api';
import { createChangeHub, type ResourceChangeEvent } from '#server/sync/change-hub.ts';
import { createSourceWatch, interestOf } from './source-watch.ts';

const document = (spec: Partial<PropagationDocument['spec']>): PropagationDocument => ({
  apiVersion: 'portolan.dev/v1',
  kind: 'Propagation',
  metadata: { name: 'web' },
  spec: { placement: { clusters: { all: true } }, includeDependencies: true, suspended: false, ...spec },
});

function change(kind: string, name: string, object: object, type: ResourceChangeEvent['type'] = 'MODIFIED') {
  return {
    type,
    clusterId: 'id-hub',
    group: kind === 'Deployment' ? 'apps' : '',
    version: 'v1',
    resource: `${kind.toLowerCase()}s`,
    kind,
    namespace: 'shop',
    name,
    labels: {},
    resourceVersion: '1',
    object: { metadata: { name, namespace: 'shop' }, ...object },
  } satisfies ResourceChangeEvent;
}

test('a propagation reads nothing from a source without a source cluster or selectors', () => {
  const ids = (name: string) => (name === 'hub' ? 'id-hub' : undefined);
  assert.equal(interestOf(document({}), ids), undefined);
  assert.equal(interestOf(document({ source: { cluster: 'gone' }, resources: [] }), ids), undefined);
  const interest = interestOf(
    document({
      source: { cluster: 'hub' },
      resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }],
    }),
    ids,
  );
  assert.equal(interest?.clusterId, 'id-hub');
  assert.deepEqual(
    interest?.selects.map((s) => s.kind),
    ['Deployment', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim'],
    'with its dependencies’ kinds in its namespace',
  );
});

test('an edit of what a propagation reads on its source wakes it; a status-only change and other objects do not', () => {
  const changes = createChangeHub();
  const woken: string[] = [];
  const watch = createSourceWatch({ changes, wake: (name) => woken.push(name) });
  const interest = interestOf(
    document({
      source: { cluster: 'hub' },
      resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }],
    }),
    () => 'id-hub',
  );
  assert.ok(interest);
  watch.update([interest]);
  changes.publish(change('Deployment', 'web', { spec: { replicas: 2 } }));
  assert.deepEqual(woken, ['web'], 'a first sight wakes it');
  changes.publish(change('Deployment', 'web', { spec: { replicas: 2 }, status: { readyReplicas: 1 } }));
  assert.deepEqual(woken, ['web'], 'status only: no round');
  changes.publish(change('Deployment', 'web', { spec: { replicas: 3 } }));
  changes.publish(change('Deployment', 'other', { spec: { replicas: 3 } }));
  changes.publish(change('ConfigMap', 'settings', { data: { a: 'b' } }));
  assert.deepEqual(
    woken,
    ['web', 'web', 'web'],
    'its spec and a dependency kind in its namespace, not another name',
  );
  changes.publish({ ...change('Deployment', 'web', {}), clusterId: 'id-member' });
  assert.equal(woken.length, 3, 'the same name on another cluster is not its source');
  watch.update([]);
  assert.equal(changes.subscriberCount(), 0, 'no sources left: it stops listening');
  watch.stop();
});
