import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openPostgresStore } from '../postgres-store.ts';
import { postgresTestSchemas } from '../testing/database-fixtures.ts';
import { PODS, podRecord, undoAfter, upsert } from '../testing/store-fixtures.ts';
import { parseLabelSelector } from './labels.ts';
import { postgresLabelIndexTest } from './postgres-labels.ts';

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;

if (!url) {
  test('PostgreSQL label index', () => {
    assert.fail(
      'PORTOLAN_TEST_POSTGRES_URL is not set, so the PostgreSQL label index was not tested. Start a server first: ' +
        'export PORTOLAN_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"',
    );
  });
} else {
  const { admin, inSchema } = postgresTestSchemas(url);

  /** A store in a schema of its own, with a few pods labelled as a cluster labels them. */
  const withStore = (
    work: (schema: string, open: () => ReturnType<typeof openPostgresStore>) => Promise<void>,
  ) =>
    inSchema((schema) =>
      work(schema, () => openPostgresStore({ url, searchPath: `${schema},public`, poolSize: 2 })),
    );
  const pods = Array.from({ length: 60 }, (_, i) => {
    const labels: Record<string, string> = { app: ['web', 'db', 'api'][i % 3] as string };
    if (i % 4 === 0) labels.canary = '';
    return podRecord({ namespace: 'ns', name: `p-${i}`, labels });
  });
  const names = async (
    store: Awaited<ReturnType<typeof openPostgresStore>>,
    labelSelector: string,
  ): Promise<string[]> =>
    (await store.resources.search({ labelSelector, limit: 1000, objects: 'none' })).items
      .map((item) => item.name)
      .sort();
  const want = (test: (labels: Record<string, string>) => boolean) =>
    pods
      .filter((pod) => test(pod.labels))
      .map((pod) => pod.name)
      .sort();

  test('PostgreSQL keeps labels on the rows only, and its GIN index serves every positive requirement', () =>
    withStore(async (schema, open) => {
      const store = await open();
      try {
        await store.resources.replaceAll('c1', PODS, pods.slice(0, 30), '1');
        await store.resources.applyChanges('c1', pods.slice(30).map(upsert));
        // A relabel and a delete: still no label rows, and the answers follow.
        const relabelled = {
          ...pods[1],
          resourceVersion: '99',
          labels: { app: 'web' },
        } as (typeof pods)[number];
        await store.resources.applyChanges('c1', [upsert(relabelled)]);
        const { rows } = await admin.query(`select count(*)::int as n from ${schema}.resource_labels`);
        assert.equal(rows[0].n, 0, 'label rows were written');
        const webs = want((l) => l.app === 'web');
        webs.push('p-1');
        assert.deepEqual(await names(store, 'app=web'), webs.sort());
        assert.deepEqual(
          await names(store, 'canary'),
          want((l) => 'canary' in l),
        );
      } finally {
        await store.close();
      }
      // With sequential scans priced out, each probe's condition is one the index can serve.
      const pool = new pg.Pool({
        connectionString: url,
        max: 1,
        options: `-c search_path=${schema},public -c enable_seqscan=off`,
      });
      const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
      try {
        for (const selector of ['app=web', 'app in (web,db)', 'canary']) {
          const [requirement] = parseLabelSelector(selector);
          assert.ok(requirement);
          const plan = await sql<{
            'QUERY PLAN': string;
          }>`explain select id from resources where ${postgresLabelIndexTest(requirement)}`.execute(db);
          const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
          const index = requirement.operator === 'exists' ? 'resources_label_keys' : 'resources_labels';
          assert.match(text, new RegExp(`Bitmap Index Scan on ${index}\\b`), `${selector}:\n${text}`);
        }
      } finally {
        await db.destroy();
      }
    }));

  test('migration 0024 empties the label rows of a store from before it, and labels are still found', () =>
    withStore(async (schema, open) => {
      let store = await open();
      try {
        await store.resources.applyChanges('c1', pods.map(upsert));
      } finally {
        await store.close();
      }
      // As a store before 0024 kept them: a row per label, no GIN index.
      await admin.query(`
        begin;
        set local search_path to ${schema}, public;
        drop index resources_labels;
        drop index resources_label_keys;
        insert into resource_labels (row_id, type_id, cluster_id, key, value)
          select r.id, r.type_id, r.cluster_id, l.key, l.value from resources r, jsonb_each_text(r.labels) l;
        delete from kysely_migration where name = '0024-label-index';
        -- and the migrations after it, so they all run again in order
        ${undoAfter('0024-label-index').join(';\n')};
        commit;`);
      store = await open();
      try {
        const { rows } = await admin.query(`select count(*)::int as n from ${schema}.resource_labels`);
        assert.equal(rows[0].n, 0);
        const index = await admin.query(
          `select indexdef from pg_indexes where schemaname = $1 and indexname = 'resources_labels'`,
          [schema],
        );
        assert.match(index.rows[0]?.indexdef ?? '', /USING gin \(labels jsonb_path_ops\)/);
        // A short pending list: every lookup reads it whole.
        assert.match(index.rows[0]?.indexdef ?? '', /gin_pending_list_limit='512'/);
        assert.deepEqual(
          await names(store, 'app in (db,api),!canary'),
          want((l) => l.app !== 'web' && !('canary' in l)),
        );
      } finally {
        await store.close();
      }
    }));
}
