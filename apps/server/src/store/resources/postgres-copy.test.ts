import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../migrations/migrate.ts';
import { openPostgresStore } from '../postgres-store.ts';
import type { Database } from '../schema.ts';
import { postgresTestSchemas } from '../testing/database-fixtures.ts';
import { PODS, podRecord, upsert } from '../testing/store-fixtures.ts';
import { copyRunner } from './postgres-copy.ts';
import { postgresRowWrites } from './postgres-row-writes.ts';
import type { RowInput } from './row-writes.ts';

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;

if (!url) {
  test('PostgreSQL COPY of new rows', () => {
    assert.fail(
      'PORTOLAN_TEST_POSTGRES_URL is not set, so COPY into PostgreSQL was not tested. Start a server first: ' +
        'export PORTOLAN_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"',
    );
  });
} else {
  const { admin, inSchema } = postgresTestSchemas(url);

  /** Text that COPY's text format must escape, and unicode it must pass as it is. */
  const awkward = (i: number) => `tab\there nl\nthere cr\rback\\slash \\N 名前-${i} 🚀 "q" é`;
  const awkwardPod = (i: number) => {
    const record = podRecord({
      namespace: `ns\t${i % 2}`,
      name: `pod\\${i}\n名`,
      labels: { app: awkward(i), 'odd\\key': `v\t${i}`, tier: 'web' },
    });
    record.object = {
      ...(record.object as object),
      metadata: { ...(record.object as { metadata: object }).metadata, annotations: { note: awkward(i) } },
    };
    return record;
  };

  test('a first sync copies objects with tabs, newlines, backslashes and unicode, and reads them back byte for byte', () =>
    inSchema(async (schema) => {
      const store = await openPostgresStore({ url, searchPath: `${schema},public`, poolSize: 2 });
      const pods = Array.from({ length: 2500 }, (_, i) => awkwardPod(i));
      try {
        // Notes the statement each insert into resources came from.
        await admin.query(`
          create table ${schema}.inserts_seen (query text);
          create function ${schema}.note_insert() returns trigger language plpgsql as
            $$ begin insert into ${schema}.inserts_seen values (current_query()); return null; end $$;
          create trigger note_insert after insert on ${schema}.resources
            for each statement execute function ${schema}.note_insert();`);
        await store.resources.replaceAll('c1', PODS, pods, '1');
        const seen = await admin.query<{ query: string }>(`select query from ${schema}.inserts_seen`);
        assert.equal(seen.rows.length, 3, 'a statement per batch of 1,000');
        for (const { query } of seen.rows) assert.match(query, /^copy resources \(/);
        const { rows } = await admin.query<{
          namespace: string;
          name: string;
          labels: unknown;
          object: string;
        }>(
          `select r.namespace, r.name, r.labels, o.object from ${schema}.resources r
             join ${schema}.resource_objects o on o.id = r.id`,
        );
        assert.equal(rows.length, pods.length);
        const byKey = new Map(rows.map((row) => [`${row.namespace}/${row.name}`, row]));
        for (const pod of pods) {
          const row = byKey.get(`${pod.namespace}/${pod.name}`);
          assert.ok(row, `${JSON.stringify(pod.name)} is missing`);
          assert.equal(row.object, JSON.stringify(pod.object));
          assert.deepEqual(row.labels, pod.labels);
        }
        const found = await store.resources.get('c1', { ...PODS, namespace: 'ns\t1', name: 'pod\\7\n名' });
        assert.deepEqual(found?.object, JSON.parse(JSON.stringify(pods[7]?.object)));
        const page = await store.resources.search({ labelSelector: 'tier', limit: 10, objects: 'none' });
        assert.equal(page.items.length, 10, 'the copied labels are found through their index');
        assert.deepEqual(await store.resources.counts({ clusterIds: ['c1'] }), [
          { clusterId: 'c1', ...PODS, kind: 'Pod', phase: 'Running', count: pods.length },
        ]);
      } finally {
        await store.close();
      }
    }));

  test('COPY runs inside the transaction of its own connection: a rolled-back copy leaves nothing, beside one committed', () =>
    inSchema(async (schema) => {
      const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema},public` });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      const writes = postgresRowWrites(copyRunner(pool));
      try {
        await migrateToLatest(db as Kysely<unknown>, 'postgres');
        const rowsOf = (prefix: string): RowInput[] =>
          Array.from({ length: 300 }, (_, i) => ({
            namespace: 'ns',
            name: `${prefix}-${i}`,
            uid: `u-${prefix}-${i}`,
            resourceVersion: '1',
            labels: '{}',
            ownerUid: null,
            nodeName: null,
            phase: null,
            createdAt: 0,
            cpuRequest: null,
            memoryRequest: null,
            object: `{"name":"${prefix}-${i}"}`,
          }));
        const place = { clusterId: 'c1', typeId: 1, syncedAt: 1 };
        let answered: unknown;
        // Both transactions hold a connection of the pool at once.
        const kept = db.transaction().execute(async (trx) => {
          answered = await writes.insertNewRows?.(trx, place, rowsOf('kept'));
        });
        const dropped = db.transaction().execute(async (trx) => {
          await writes.insertNewRows?.(trx, place, rowsOf('dropped'));
          throw new Error('changed my mind');
        });
        // Its refusal is awaited from the start: it may come while the other is still writing.
        const refused = assert.rejects(dropped, /changed my mind/);
        await kept;
        await refused;
        assert.equal((answered as unknown[] | undefined)?.length, 300, 'the rows were not copied');
        const { rows } = await pool.query<{ name: string; object: string }>(
          'select r.name, o.object from resources r join resource_objects o on o.id = r.id order by r.id',
        );
        assert.equal(rows.length, 300);
        assert.ok(
          rows.every((row) => row.name.startsWith('kept-') && row.object === `{"name":"${row.name}"}`),
        );
      } finally {
        await db.destroy();
      }
    }));

  test('a first sync that meets a stored key its counts did not show writes that batch again as upserts', () =>
    inSchema(async (schema) => {
      const store = await openPostgresStore({ url, searchPath: `${schema},public`, poolSize: 2 });
      try {
        const old = podRecord({ namespace: 'ns', name: 'p-5', resourceVersion: '1', phase: 'Pending' });
        await store.resources.applyChanges('c1', [upsert(old)]);
        // As if another writer's row were committed after the counts were read.
        await admin.query(`delete from ${schema}.resource_counts`);
        const pods = Array.from({ length: 20 }, (_, i) =>
          podRecord({ namespace: 'ns', name: `p-${i}`, resourceVersion: '2' }),
        );
        await store.resources.replaceAll('c1', PODS, pods, '2');
        const { rows } = await admin.query<{ name: string; resource_version: string; phase: string }>(
          `select name, resource_version, phase from ${schema}.resources order by name`,
        );
        assert.equal(rows.length, 20);
        assert.ok(rows.every((row) => row.resource_version === '2' && row.phase === 'Running'));
      } finally {
        await store.close();
      }
    }));

  test('a first sync written two batches at a time keeps every row once and its counts, when a late batch meets a stored key', () =>
    inSchema(async (schema) => {
      const store = await openPostgresStore({ url, searchPath: `${schema},public`, poolSize: 3 });
      try {
        const old = podRecord({ namespace: 'ns', name: 'p-4321', resourceVersion: '1', phase: 'Pending' });
        await store.resources.applyChanges('c1', [upsert(old)]);
        // As if another writer's row were committed after the counts were read.
        await admin.query(`delete from ${schema}.resource_counts`);
        const pods = Array.from({ length: 6000 }, (_, i) =>
          podRecord({ namespace: `ns-${i % 3}`, name: `p-${i}`, resourceVersion: '2' }),
        );
        pods[4321] = podRecord({ namespace: 'ns', name: 'p-4321', resourceVersion: '2' });
        await store.resources.replaceAll('c1', PODS, pods, '2');
        const { rows } = await admin.query<{ rows: number; stale: number; keys: number }>(
          `select count(*)::int as rows, count(*) filter (where resource_version <> '2')::int as stale,
             count(distinct (namespace, name))::int as keys from ${schema}.resources`,
        );
        assert.deepEqual(rows[0], { rows: 6000, stale: 0, keys: 6000 });
        const counts = await store.resources.counts({ clusterIds: ['c1'] });
        assert.deepEqual(
          counts.map((c) => [c.phase, c.count]),
          [['Running', 6000]],
          'the kept count has every row once, the stored Pending one replaced',
        );
      } finally {
        await store.close();
      }
    }));
}
