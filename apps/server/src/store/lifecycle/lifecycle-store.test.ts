/**
 * The lifecycle store on both dialects: one running operation per cluster, pages newest first with a
 * continue token and a total, reach by cluster names, schedules that only one replica moves on.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postgresTestDatabase, sqliteTestDatabase, type TestDatabase } from '../testing/database-fixtures.ts';
import { createSqlLifecycleStore, type LifecycleDatabase } from './lifecycle-sql-store.ts';
import type { StoredOperation } from './lifecycle-store.ts';

const op = (id: string, cluster: string, at: number, state = 'succeeded'): StoredOperation => ({
  id,
  cluster,
  kind: 'upgrade',
  state,
  createdAt: new Date(at),
  document: { id, cluster, state, steps: [] },
});

function suite(name: string, open: () => Promise<TestDatabase>) {
  describe(`${name} lifecycle store`, () => {
    test('operations, clusters and schedules', async () => {
      const database = await open();
      try {
        const store = createSqlLifecycleStore(database.db.withTables<LifecycleDatabase>());
        const cluster = {
          name: 'lab',
          provider: 'sandbox',
          spec: { version: 'v1.36.1' },
          createdAt: new Date(1000),
          createdBy: 'alice',
          snapshotSchedule: null,
          nextSnapshotAt: null,
        };
        assert.equal(await store.insertCluster(cluster), true);
        assert.equal(await store.insertCluster(cluster), false);
        await store.updateSpec('lab', { version: 'v1.36.3' });
        assert.deepEqual((await store.getCluster('lab'))?.spec, { version: 'v1.36.3' });

        assert.equal(await store.insertOperation(op('a', 'lab', 1, 'running')), true);
        assert.equal(
          await store.insertOperation(op('b', 'lab', 2, 'running')),
          false,
          'one running at a time',
        );
        assert.equal(await store.insertOperation(op('c', 'other', 3, 'running')), true);
        await store.saveOperation({ ...op('a', 'lab', 1, 'failed') });
        assert.equal(await store.insertOperation(op('d', 'lab', 4)), true);
        assert.equal((await store.runningOperations()).map((o) => o.id).join(), 'c');
        assert.equal((await store.latestOperation('lab'))?.id, 'd');
        assert.equal((await store.getOperation('a'))?.document.state, 'failed');

        const first = await store.listOperations({ limit: 2 });
        assert.deepEqual(
          first.items.map((o) => o.id),
          ['d', 'c'],
        );
        assert.equal(first.total, 3);
        assert.ok(first.next);
        const second = await store.listOperations({ limit: 2, cursor: first.next });
        assert.deepEqual(
          second.items.map((o) => o.id),
          ['a'],
        );
        assert.deepEqual(
          (await store.listOperations({ limit: 10, clusters: ['other'] })).items.map((o) => o.id),
          ['c'],
        );
        assert.equal((await store.listOperations({ limit: 10, clusters: [] })).total, 0);
        assert.deepEqual(
          (await store.listOperations({ limit: 10, state: 'failed' })).items.map((o) => o.id),
          ['a'],
        );

        await store.setSchedule('lab', { cron: '0 * * * *', keep: 3 }, new Date(5000));
        assert.deepEqual((await store.dueSnapshots(new Date(4000))).length, 0);
        assert.deepEqual(
          (await store.dueSnapshots(new Date(5000))).map((c) => c.snapshotSchedule),
          [{ cron: '0 * * * *', keep: 3 }],
        );
        assert.equal(await store.advanceSchedule('lab', new Date(5000), new Date(9000)), true);
        assert.equal(
          await store.advanceSchedule('lab', new Date(5000), new Date(9000)),
          false,
          'another replica moved it',
        );
        await store.deleteCluster('lab');
        assert.equal(await store.getCluster('lab'), undefined);
      } finally {
        await database.destroy();
      }
    });
  });
}

suite('SQLite', sqliteTestDatabase);
const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
if (url) suite('PostgreSQL', () => postgresTestDatabase(url));
// Failed rather than skipped: a run without PostgreSQL must not pass for one that tested it.
else
  test('PostgreSQL lifecycle store: needs PORTOLAN_TEST_POSTGRES_URL (bash scripts/postgres.sh start)', () =>
    assert.fail());
