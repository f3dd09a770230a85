/**
 * A cluster's reason keeps its code and values (migration 0025) on both dialects: they are read back
 * as written, cleared with the reason, and words without a code are refused (by the type, checked by
 * tsc through the @ts-expect-error below, and by the store at run time). The migration rolls back:
 * its columns dropped and its record deleted, the next start adds them again.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { migrateToLatest } from '../migrations/migrate.ts';
import type { SqlDialect } from '../migrations/sql-dialect.ts';
import { postgresTestDatabase, sqliteTestDatabase, type TestDatabase } from '../testing/database-fixtures.ts';
import { undoAfter } from '../testing/store-fixtures.ts';
import { ClusterTable } from './cluster-table.ts';

const UNDO_0025 = undoAfter('0024-label-index');

function tableOf(database: TestDatabase) {
  let id = 0;
  return new ClusterTable({
    db: database.db,
    now: () => 1_000,
    newId: () => `c${++id}`,
    decodeJson: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
    purge: async () => undefined,
  });
}

function suite(dialect: SqlDialect, open: () => Promise<TestDatabase>) {
  describe(`${dialect}: a cluster's reason code`, () => {
    test('is kept with its values, cleared with its reason, and never stored without them', async () => {
      const database = await open();
      try {
        const clusters = tableOf(database);
        const { id } = await clusters.create({
          name: 'edge',
          serverUrl: 'https://10.0.0.9:6443',
          credentials: new Uint8Array(),
        });
        const fresh = await clusters.get(id);
        assert.equal(fresh?.reasonCode, null);
        assert.equal(fresh?.reasonParams, null);

        await clusters.setHealth(id, {
          status: 'Offline',
          reason: 'the API server at 10.0.0.9:6443 is unreachable: connection refused',
          reasonCode: 'unreachable',
          reasonParams: { address: '10.0.0.9:6443', systemCode: 'ECONNREFUSED', status: 7 },
        });
        const offline = await clusters.get(id);
        assert.equal(offline?.reasonCode, 'unreachable');
        assert.deepEqual(offline?.reasonParams, {
          address: '10.0.0.9:6443',
          systemCode: 'ECONNREFUSED',
          status: 7,
        });

        // Another field alone leaves the reason as it is.
        await clusters.setHealth(id, { probeLatencyMs: null });
        assert.equal((await clusters.get(id))?.reasonCode, 'unreachable');

        await assert.rejects(
          // @ts-expect-error words without a code do not type-check: setHealth needs reasonCode and reasonParams
          clusters.setHealth(id, { status: 'Offline', reason: 'words alone' }),
          /needs its reasonCode/,
        );
        assert.equal(
          (await clusters.get(id))?.reason?.startsWith('the API server'),
          true,
          'refused, nothing written',
        );

        await clusters.setHealth(id, { status: 'Ready', reason: null });
        const ready = await clusters.get(id);
        assert.deepEqual([ready?.reason, ready?.reasonCode, ready?.reasonParams], [null, null, null]);
      } finally {
        await database.destroy();
      }
    });

    test('migration 0025 rolls back and applies again', async () => {
      const database = await open();
      try {
        const db = database.db as unknown as Kysely<unknown>;
        for (const statement of UNDO_0025) await sql.raw(statement).execute(db);
        await assert.rejects(sql`select reason_code from clusters`.execute(db), 'the columns are gone');
        await migrateToLatest(db, dialect);
        const clusters = tableOf(database);
        const { id } = await clusters.create({
          name: 'back',
          serverUrl: 'https://h:6443',
          credentials: new Uint8Array(),
        });
        await clusters.setHealth(id, {
          status: 'Offline',
          reason: 'x',
          reasonCode: 'proxy',
          reasonParams: { address: 'h:6443' },
        });
        assert.equal((await clusters.get(id))?.reasonCode, 'proxy');
      } finally {
        await database.destroy();
      }
    });
  });
}

suite('sqlite', sqliteTestDatabase);
const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
if (url) suite('postgres', () => postgresTestDatabase(url));
// Failed rather than skipped: a run without PostgreSQL must not pass for one that tested it.
else
  test('PostgreSQL cluster reasons: needs PORTOLAN_TEST_POSTGRES_URL (bash scripts/postgres.sh start)', () =>
    assert.fail());
