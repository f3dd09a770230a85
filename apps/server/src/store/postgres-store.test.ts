import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { applySessionSettings, openPostgresStore, runPlanned } from './postgres-store.ts';
import type { Store } from './store.ts';
import { postgresTestSchemas } from './testing/database-fixtures.ts';
import { PODS, podRecord, upsert } from './testing/store-fixtures.ts';
import { storeSuite } from './testing/store-suite.ts';
import { youngCollections } from './testing/young-collections.ts';

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;

if (!url) {
  test('PostgreSQL store', () => {
    assert.fail(
      'PORTOLAN_TEST_POSTGRES_URL is not set, so the PostgreSQL store was not tested. Run the tests through ' +
        'scripts/test.sh, or start a server first: export PORTOLAN_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"',
    );
  });
} else {
  // Each test gets its own schema in the one server; pg_trgm lives in public, shared by all of them.
  const { admin, newSchema } = postgresTestSchemas(url);

  const newBackend = async () => {
    const schema = await newSchema();
    return {
      schema,
      open: (options: { now?: () => number } = {}) =>
        openPostgresStore({ url, searchPath: `${schema},public`, poolSize: 4, ...options }),
      exec: async (...statements: string[]) => {
        const client = await admin.connect();
        try {
          await client.query('begin');
          await client.query(`set local search_path to ${schema}, public`);
          for (const statement of statements) await client.query(statement);
          await client.query('commit');
        } catch (error) {
          await client.query('rollback');
          throw error;
        } finally {
          client.release();
        }
      },
      destroy: async () => {
        await admin.query(`drop schema ${schema} cascade`);
      },
    };
  };

  storeSuite('PostgreSQL', newBackend);

  /** A cluster registered in the store only: its credentials are never opened. */
  const registerCluster = (store: Store, name: string) =>
    store.clusters.create({
      name,
      labels: {},
      serverUrl: `https://${name}.invalid:6443`,
      credentials: new Uint8Array(),
    });

  test('PostgreSQL: name substring search has its trigram index', async () => {
    const backend = await newBackend();
    const store = await backend.open();
    try {
      const { rows } = await admin.query(
        'select indexname from pg_indexes where schemaname = $1 and indexname = $2',
        [backend.schema, 'resources_name_trigrams'],
      );
      assert.equal(rows.length, 1, 'resources_name_trigrams index is missing');
    } finally {
      await store.close();
      await backend.destroy();
    }
  });

  test('PostgreSQL: once writes pause, the GIN indexes hold no pending entries that every search would read', async () => {
    const backend = await newBackend();
    const store = await backend.open();
    let closed = false;
    try {
      const cluster = await registerCluster(store, 'pending');
      // 3,000 names of about 25 trigrams each: some 1.5 MB of entries, under the 4 MB at which
      // PostgreSQL itself would merge the trigram index's pending list.
      const records = Array.from({ length: 3000 }, (_, i) =>
        podRecord({ namespace: `ns-${i % 7}`, name: `web-${i}-${randomBytes(6).toString('hex')}` }),
      );
      await store.resources.replaceAll(cluster.id, PODS, records, '1');
      const pending = async () => {
        // gin_clean_pending_list answers how many pending pages it merged: none, if the store did.
        const { rows } = await admin.query(
          `select sum(gin_clean_pending_list(c.oid))::int as pages from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = $1 and c.relname in ('resources_name_trigrams', 'resources_labels', 'resources_label_keys')`,
          [backend.schema],
        );
        return rows[0]?.pages as number;
      };
      // The store merges 1 s after the last write; a busy machine gets 4 s more (asking sooner would
      // merge the lists itself).
      await new Promise((resolve) => setTimeout(resolve, 5000));
      assert.equal(await pending(), 0, 'pending index pages were left after the writes paused');
      const { items } = await store.resources.search({ nameContains: records[42]?.name.slice(4, 12) });
      assert.ok(items.some((item) => item.name === records[42]?.name));
      // A server stopped right after a write merges before it lets its connections go.
      await store.resources.replaceAll(cluster.id, PODS, records.slice(0, 1500), '2');
      await store.resources.replaceAll(cluster.id, PODS, records, '3');
      closed = true;
      await store.close();
      assert.equal(await pending(), 0, 'pending index pages were left by a store closed after writing');
    } finally {
      if (!closed) await store.close();
      await backend.destroy();
    }
  });

  test('PostgreSQL: a page-sized query leaves nothing for young garbage collections to keep once it is answered', async () => {
    // Through pg's own promise-returning query, each young collection kept megabytes of finished
    // queries' rows and paused about 10 ms (bench/young-collections.bench.ts); through the store's pool, kilobytes.
    const measured = await youngCollections({ url, queries: 1500 });
    assert.ok(measured.count >= 10, `${measured.count} young collections: too few to judge`);
    assert.ok(
      measured.medianKept < 256 * 1024,
      `each young collection kept ${Math.round(measured.medianKept / 1024)} KB (median) of finished queries`,
    );
  });

  test('PostgreSQL: a pod object of several KB is kept compressed in its row, not cut into TOAST chunks', async () => {
    const backend = await newBackend();
    const store = await backend.open();
    try {
      const cluster = await registerCluster(store, 'inline');
      const record = podRecord({ namespace: 'default', name: 'big' });
      // About 7 KB of environment that compresses to about 4 KB, as real pods do: over the 2 KB above
      // which PostgreSQL would move a value out of line.
      const env = Array.from({ length: 100 }, (_, i) => ({
        name: `SETTING_${i}`,
        value: randomBytes(20).toString('hex'),
      }));
      const [main] = (record.object as { spec: { containers: Array<{ env?: unknown }> } }).spec.containers;
      assert.ok(main);
      main.env = env;
      await store.resources.applyChanges(cluster.id, [upsert(record)]);
      const { rows } = await admin.query(
        `select c.reltoastrelid::regclass::text as toast from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = $1 and c.relname = 'resource_objects'`,
        [backend.schema],
      );
      const toast = rows[0]?.toast as string;
      const chunks = await admin.query(`select count(*)::int as n from ${toast}`);
      assert.equal(chunks.rows[0].n, 0, 'the object went to the TOAST table');
      const { items } = await store.resources.search({ clusterIds: [cluster.id] });
      const stored = items[0]?.object as { spec: { containers: Array<{ env?: unknown }> } };
      assert.deepEqual(stored.spec.containers[0]?.env, env);
    } finally {
      await store.close();
      await backend.destroy();
    }
  });

  test('PostgreSQL: every connection runs without parallel workers and JIT, whose start-up costs a page more than it reads', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    applySessionSettings(pool);
    try {
      // Two connections at once, so both are new ones.
      const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
      try {
        for (const client of [a, b]) {
          assert.equal(
            (await client.query('show max_parallel_workers_per_gather')).rows[0]
              .max_parallel_workers_per_gather,
            '0',
          );
          assert.equal((await client.query('show jit')).rows[0].jit, 'off');
        }
      } finally {
        a.release();
        b.release();
      }
    } finally {
      await pool.end();
    }
  });

  test('PostgreSQL: the statement of a merged search is planned once per connection, and a connection keeps few of them', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const pid = async () => (await pool.query('select pg_backend_pid() as pid')).rows[0].pid as number;
    try {
      const query = {
        sql: 'select n from (values (3), (6), (9), (10)) as v(n) where n % $1::int = 0 order by n',
        parameters: [3],
      };
      for (let i = 0; i < 7; i++)
        assert.deepEqual(await runPlanned(pool, query), [{ n: 3 }, { n: 6 }, { n: 9 }]);
      const { rows } = await pool.query('select generic_plans from pg_prepared_statements');
      assert.equal(rows.length, 1, 'one statement kept for seven runs of one text');
      assert.ok(rows[0].generic_plans > 0, 'PostgreSQL kept no plan for it');
      const first = await pid();
      for (let i = 0; i < 32; i++) await runPlanned(pool, { sql: `select ${i} as n`, parameters: [] });
      assert.notEqual(await pid(), first, 'the connection that kept 33 statements was not closed');
      assert.equal((await pool.query('select count(*)::int as n from pg_prepared_statements')).rows[0].n, 0);
    } finally {
      await pool.end();
    }
  });

  test('PostgreSQL: where sessions lose prepared statements (a pooler), a merged search still answers, unnamed', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const query = { sql: 'select $1::int + 1 as n', parameters: [1] };
      assert.deepEqual(await runPlanned(pool, query), [{ n: 2 }]);
      // As a pooler in transaction mode would: the next statement meets a session without it.
      await pool.query('deallocate all');
      assert.deepEqual(await runPlanned(pool, query), [{ n: 2 }]);
      assert.deepEqual(await runPlanned(pool, { sql: 'select 7 as n', parameters: [] }), [{ n: 7 }]);
      const { rows } = await pool.query('select count(*)::int as n from pg_prepared_statements');
      assert.equal(rows[0].n, 0, 'statements are still prepared after one was lost');
    } finally {
      await pool.end();
    }
  });

  test('PostgreSQL: a wrong URL fails saying where it tried, without the password', async () => {
    const parsed = new URL(url);
    parsed.port = '1';
    parsed.password = 'secret-password';
    await assert.rejects(openPostgresStore({ url: parsed.toString() }), (e: unknown) => {
      assert.match(
        (e as Error).message,
        /cannot connect to PostgreSQL at postgresql:\/\/portolan:\*\*\*@127\.0\.0\.1:1/,
      );
      assert.doesNotMatch((e as Error).message, /secret-password/);
      return true;
    });
  });
}
