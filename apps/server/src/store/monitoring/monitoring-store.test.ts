import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postgresTestDatabase, sqliteTestDatabase, type TestDatabase } from '../testing/database-fixtures.ts';
import { createSqlMonitoringStore, type MonitoringDatabase } from './monitoring-sql-store.ts';

const settings = {
  retention: '15d',
  retentionBytes: 4 * 2 ** 30,
  sampleLimit: 200_000,
  scrapeIntervalSeconds: 30,
};

/** The same checks on each dialect: the engine's record and clusters' sources, as migration 0018 keeps them. */
function monitoringStoreSuite(name: string, newDatabase: () => Promise<TestDatabase>): void {
  test(`${name} monitoring store: one engine record, forgotten only by the replica that wrote it`, async () => {
    const database = await newDatabase();
    try {
      const store = createSqlMonitoringStore(database.db.withTables<MonitoringDatabase>());
      assert.equal(await store.engine(), undefined);
      const at = new Date('2026-12-05T10:00:00Z');
      const record = {
        address: 'http://127.0.0.1:9090',
        replica: 'r1',
        version: '2.42.0',
        settings,
        startedAt: at,
        updatedAt: at,
      };
      await store.recordEngine(record);
      await store.recordEngine({ ...record, address: 'http://127.0.0.1:9191', replica: 'r2' });
      assert.deepEqual(await store.engine(), { ...record, address: 'http://127.0.0.1:9191', replica: 'r2' });
      // The replica that ran it before stops late: the new owner's record stays.
      await store.forgetEngine('r1');
      assert.equal((await store.engine())?.replica, 'r2');
      await store.forgetEngine('r2');
      assert.equal(await store.engine(), undefined);
    } finally {
      await database.destroy();
    }
  });

  test(`${name} monitoring store: a cluster's source is saved, replaced and removed`, async () => {
    const database = await newDatabase();
    try {
      const store = createSqlMonitoringStore(database.db.withTables<MonitoringDatabase>());
      const source = {
        clusterId: 'c1',
        url: 'https://prometheus.example',
        clusterLabel: 'cluster',
        clusterValue: null,
        sealedToken: 'pc1.sealed',
        skipTlsVerify: true,
        updatedBy: 'admin',
        updatedAt: new Date('2026-12-05T10:00:00Z'),
      };
      await store.putSource(source);
      await store.putSource({ ...source, clusterId: 'c2', sealedToken: null, skipTlsVerify: false });
      assert.deepEqual(await store.source('c1'), source);
      await store.putSource({ ...source, clusterValue: 'prod', clusterLabel: 'k8s_cluster' });
      assert.equal((await store.source('c1'))?.clusterValue, 'prod');
      assert.deepEqual(
        (await store.sources()).map((row) => [row.clusterId, row.sealedToken, row.skipTlsVerify]),
        [
          ['c1', 'pc1.sealed', true],
          ['c2', null, false],
        ],
      );
      await store.removeSource('c1');
      assert.equal(await store.source('c1'), undefined);
      assert.equal((await store.sources()).length, 1);
    } finally {
      await database.destroy();
    }
  });
}

monitoringStoreSuite('SQLite', sqliteTestDatabase);
const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
if (url) monitoringStoreSuite('PostgreSQL', () => postgresTestDatabase(url));
// Failed rather than skipped: a run without PostgreSQL must not pass for one that tested it.
else
  test('PostgreSQL monitoring store: needs PORTOLAN_TEST_POSTGRES_URL (bash scripts/postgres.sh start)', () =>
    assert.fail());
