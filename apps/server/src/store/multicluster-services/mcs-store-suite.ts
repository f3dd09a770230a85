import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MultiClusterServiceDocument } from '@portolan/api';
import type { TestDatabase } from '../testing/database-fixtures.ts';
import { createSqlMultiClusterServiceStore, type MultiClusterServiceDatabase } from './mcs-sql-store.ts';
import { GenerationConflictError, type MultiClusterServiceStore } from './mcs-store.ts';

const documentOf = (namespace: string, name: string, more: { generation?: number } = {}) =>
  ({
    apiVersion: 'portolan.dev/v1',
    kind: 'MultiClusterService',
    metadata: { namespace, name, ...(more.generation === undefined ? {} : { generation: more.generation }) },
    spec: { service: 'web', importTo: { names: ['b'] } },
  }) satisfies MultiClusterServiceDocument;

/** Runs `run` with a store on a new, migrated database of the dialect, destroyed afterwards. */
export async function withMultiClusterServiceStore(
  newDatabase: () => Promise<TestDatabase>,
  run: (store: MultiClusterServiceStore) => Promise<void>,
): Promise<void> {
  const database = await newDatabase();
  try {
    await run(createSqlMultiClusterServiceStore(database.db.withTables<MultiClusterServiceDatabase>()));
  } finally {
    await database.destroy();
  }
}

/** The one suite every MultiClusterServiceStore passes, run on each dialect; time is passed in. */
export function multiClusterServiceStoreSuite(name: string, newDatabase: () => Promise<TestDatabase>): void {
  const withStore = (run: (store: MultiClusterServiceStore) => Promise<void>) =>
    withMultiClusterServiceStore(newDatabase, run);

  test(`${name} multi-cluster Service store: saved, replaced with a rising generation, refused when stale`, () =>
    withStore(async (store) => {
      const first = await store.put(documentOf('shop', 'web'), 'alice', new Date(1000));
      assert.equal(first.created, true);
      assert.equal(first.stored.document.metadata.generation, 1);
      assert.equal(first.stored.updatedBy, 'alice');
      assert.deepEqual(first.stored.updatedAt, new Date(1000));
      assert.deepEqual(first.stored.exports, []);
      assert.deepEqual(first.stored.imports, []);
      const second = await store.put(documentOf('shop', 'web', { generation: 1 }), 'bob', new Date(2000));
      assert.equal(second.created, false);
      assert.equal(second.stored.document.metadata.generation, 2);
      assert.equal(second.stored.updatedBy, 'bob');
      await assert.rejects(
        store.put(documentOf('shop', 'web', { generation: 1 }), 'carol', new Date(3000)),
        (error) => error instanceof GenerationConflictError && /generation 2, not 1/.test(error.message),
      );
      await assert.rejects(
        store.put(documentOf('shop', 'other', { generation: 4 }), 'carol', new Date(3000)),
        GenerationConflictError,
      );
      assert.equal((await store.get('shop', 'web'))?.updatedBy, 'bob', 'a refused save changes nothing');
      await store.put(documentOf('a-first', 'web'), 'alice', new Date(1000));
      assert.deepEqual(
        (await store.list()).map(
          (entry) => `${entry.document.metadata.namespace}/${entry.document.metadata.name}`,
        ),
        ['a-first/web', 'shop/web'],
      );
      assert.equal(await store.get('shop', 'missing'), undefined);
    }));

  test(`${name} multi-cluster Service store: exports and per-cluster imports with the objects created there`, () =>
    withStore(async (store) => {
      await store.put(documentOf('shop', 'web'), 'alice', new Date(1000));
      const exports = [
        {
          cluster: 'a',
          endpoints: [{ address: '10.0.0.1', pod: 'web-1', nodeName: 'n1' }],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
          seenAt: new Date(1500),
        },
        { cluster: 'c', reason: 'no Service web there', endpoints: [], ports: [], seenAt: new Date(1500) },
      ];
      await store.setExports('shop', 'web', exports);
      const owned = [
        { kind: 'Service' as const, name: 'web-mcs', uid: 'u1' },
        { kind: 'EndpointSlice' as const, name: 'web-mcs-a', uid: 'u2' },
      ];
      await store.putImport('shop', 'web', { cluster: 'b', state: 'pending', endpoints: 0, owned: [] });
      await store.putImport('shop', 'web', {
        cluster: 'b',
        state: 'applied',
        endpoints: 1,
        lastSyncedAt: new Date(1600),
        owned,
      });
      await store.putImport('shop', 'web', {
        cluster: 'a',
        state: 'failed',
        reason: 'namespace shop does not exist there',
        endpoints: 0,
        owned: [],
      });
      const stored = await store.get('shop', 'web');
      assert.deepEqual(stored?.exports, exports);
      assert.deepEqual(stored?.imports, [
        {
          cluster: 'a',
          state: 'failed',
          reason: 'namespace shop does not exist there',
          endpoints: 0,
          owned: [],
        },
        { cluster: 'b', state: 'applied', endpoints: 1, lastSyncedAt: new Date(1600), owned },
      ]);
      await store.removeImport('shop', 'web', 'a');
      assert.deepEqual(
        (await store.get('shop', 'web'))?.imports.map((entry) => entry.cluster),
        ['b'],
      );
    }));

  test(`${name} multi-cluster Service store: removal is marked, undone by saving again, then the record goes`, () =>
    withStore(async (store) => {
      await store.put(documentOf('shop', 'web'), 'alice', new Date(1000));
      await store.putImport('shop', 'web', { cluster: 'b', state: 'applied', endpoints: 2, owned: [] });
      assert.equal(await store.markDeleting('shop', 'web', 'bob', new Date(2000)), true);
      assert.equal(await store.markDeleting('shop', 'missing', 'bob', new Date(2000)), false);
      const marked = await store.get('shop', 'web');
      assert.equal(marked?.deleting, true);
      assert.equal(marked?.updatedBy, 'bob');
      const again = await store.put(documentOf('shop', 'web'), 'carol', new Date(3000));
      assert.equal(again.created, true, 'a record being removed counts as gone');
      assert.equal(again.stored.deleting, false);
      assert.equal(again.stored.imports.length, 1, 'what it created there is still known');
      await store.delete('shop', 'web');
      assert.equal(await store.get('shop', 'web'), undefined);
      await store.put(documentOf('shop', 'web'), 'alice', new Date(4000));
      assert.deepEqual((await store.get('shop', 'web'))?.imports, [], 'no import rows outlive their record');
    }));
}
