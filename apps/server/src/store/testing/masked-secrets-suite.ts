import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordFromObject } from '../resources/resource-record.ts';
import { type Backend, UNDO_AFTER_0006, upsert } from './store-fixtures.ts';

const SECRETS = { group: '', version: 'v1', resource: 'secrets' };

/** Migration 0006: Secrets stored with empty values before masking had one rule read `<masked>`. */
export function maskedSecretsMigrationTests(newBackend: () => Promise<Backend>): void {
  test('migration 0006 masks the Secrets stored before it, as the sync stores them now', async () => {
    const backend = await newBackend();
    try {
      const old = recordFromObject(SECRETS, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { namespace: 'a', name: 'db', uid: 'u1', resourceVersion: '1', annotations: { team: 'a' } },
        data: { password: '', user: '' },
      });
      let store = await backend.open();
      try {
        await store.resources.applyChanges('c1', [upsert(old)]);
      } finally {
        await store.close();
      }
      await backend.exec(
        ...UNDO_AFTER_0006,
        `delete from kysely_migration where name = '0006-masked-secrets'`,
      );
      store = await backend.open();
      try {
        const stored = await store.resources.get('c1', { ...SECRETS, namespace: 'a', name: 'db' });
        const object = stored?.object as { data: object; metadata: { annotations: object } };
        assert.deepEqual(object.data, { password: '<masked>', user: '<masked>' });
        assert.deepEqual(object.metadata.annotations, { team: 'a' }, 'nothing else changes');
      } finally {
        await store.close();
      }
    } finally {
      await backend.destroy();
    }
  });
}
