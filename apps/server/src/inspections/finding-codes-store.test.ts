/**
 * A run's findings keep their code and values, and a failed run its error code, through each store
 * (SQLite and PostgreSQL keep findings as one JSON text per run): what the console words a report from.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createSqlInspectionStore,
  type InspectionDatabase,
} from '#server/store/inspections/inspection-sql-store.ts';
import type { Store } from '#server/store/store.ts';
import {
  postgresTestDatabase,
  sqliteTestDatabase,
  type TestDatabase,
} from '#server/store/testing/database-fixtures.ts';
import { createInspections } from './inspection-service.ts';

/** An Offline cluster with a coded reason; `gone` unregisters it. */
let gone = false;
const cluster = async (name: string) =>
  gone
    ? undefined
    : {
        id: `id-${name}`,
        name,
        status: 'Offline',
        reason: 'dial tcp 10.9.9.9:6443: connect: connection refused',
        reasonCode: 'unreachable',
        reasonParams: { address: '10.9.9.9:6443', systemCode: 'ECONNREFUSED' },
        version: null,
        credentials: [],
      };

function suite(name: string, newDatabase: () => Promise<TestDatabase>) {
  test(`${name}: findings keep code and values, a failed run its error code`, async () => {
    const database = await newDatabase();
    try {
      const store = {
        inspections: createSqlInspectionStore(database.db.withTables<InspectionDatabase>()),
      } as unknown as Pick<Store, 'inspections' | 'resources' | 'syncStates'>;
      let now = new Date('2026-12-06T10:00:00Z');
      const inspections = createInspections({
        store,
        cluster,
        clientOf: () => undefined,
        clock: () => now,
        timer: { every: () => ({ cancel: () => undefined }) },
        log: { warn: () => undefined },
      });
      gone = false;
      await inspections.putConfig('coded', { cluster: 'c9', keepRuns: 5 }, 'admin');
      const first = await inspections.run('coded', 'manual', 'admin');
      await first.done;
      const run = await inspections.getRun(first.view.id);
      const skipped = run?.findings?.find((f) => f.item === 'pod-not-running');
      assert.equal(skipped?.status, 'skipped');
      assert.equal(skipped?.code, 'skip.cluster-offline.reason');
      assert.deepEqual(skipped?.params, {
        cluster: 'c9',
        status: 'Offline',
        detail: 'dial tcp 10.9.9.9:6443: connect: connection refused',
        clusterCode: 'unreachable',
        'cluster.address': '10.9.9.9:6443',
        'cluster.systemCode': 'ECONNREFUSED',
      });
      assert.equal(
        skipped?.message,
        'cluster c9 is Offline (dial tcp 10.9.9.9:6443: connect: connection refused): its objects cannot be judged',
      );
      gone = true;
      now = new Date('2026-12-06T10:01:00Z');
      const second = await inspections.run('coded', 'manual', 'admin');
      await second.done;
      const failed = await inspections.getRun(second.view.id);
      assert.equal(failed?.state, 'failed');
      assert.equal(failed?.error, 'cluster c9 is no longer registered');
      assert.equal(failed?.errorCode, 'run.cluster-gone');
      assert.deepEqual(failed?.errorParams, { cluster: 'c9' });
    } finally {
      await database.destroy();
    }
  });
}

suite('SQLite', sqliteTestDatabase);
const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
if (url) suite('PostgreSQL', () => postgresTestDatabase(url));
// Failed rather than skipped: a run without PostgreSQL must not pass for one that tested it.
else
  test('PostgreSQL: needs PORTOLAN_TEST_POSTGRES_URL (bash scripts/postgres.sh start)', () => assert.fail());
