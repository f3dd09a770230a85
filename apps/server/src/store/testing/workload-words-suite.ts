import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordFromObject } from '../resources/resource-record.ts';
import { type Backend, DEPLOYMENTS, UNDO_AFTER_0012, upsert } from './store-fixtures.ts';

/** A Deployment whose one replica is up to date and available: its health word is Available. */
const deployment = recordFromObject(DEPLOYMENTS, {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { namespace: 'a', name: 'web', uid: 'u-web', resourceVersion: '7', generation: 1 },
  spec: { replicas: 1 },
  status: {
    observedGeneration: 1,
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
    conditions: [{ type: 'Available', status: 'True' }],
  },
});

/** Migration 0012: workloads stored with the old status words get the health words at the next list. */
export function workloadWordsMigrationTests(newBackend: () => Promise<Backend>): void {
  test('migration 0012: a workload stored with an old status word is found by its health word after the next list', async () => {
    assert.equal(deployment.phase, 'Available');
    const backend = await newBackend();
    try {
      let store = await backend.open();
      try {
        await store.resources.applyChanges('c1', [upsert(deployment)]);
      } finally {
        await store.close();
      }
      // As a server before the health words stored it: the row and its counts say Ready.
      await backend.exec(
        ...UNDO_AFTER_0012,
        `update resources set phase = 'Ready' where phase = 'Available'`,
        `update resource_counts set phase = 'Ready' where phase = 'Available'`,
        `update resource_namespace_counts set phase = 'Ready' where phase = 'Available'`,
        `delete from kysely_migration where name = '0012-workload-health-words'`,
      );
      store = await backend.open();
      try {
        // The start-up list: the same object, the same resourceVersion.
        await store.resources.replaceAll('c1', DEPLOYMENTS, [deployment], '8');
        const found = await store.resources.search({ phases: ['Available'], objects: 'none' });
        assert.deepEqual(
          found.items.map((item) => item.name),
          ['web'],
        );
        const counts = await store.resources.counts({ types: [DEPLOYMENTS] });
        assert.deepEqual(
          counts.map((c) => [c.phase, c.count]),
          [['Available', 1]],
        );
      } finally {
        await store.close();
      }
    } finally {
      await backend.destroy();
    }
  });
}
