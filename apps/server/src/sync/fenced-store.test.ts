import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openStore } from '#server/store/open-store.ts';
import { openPostgresStore } from '#server/store/postgres-store.ts';
import { LeaseLostError, leaseGuard } from '#server/store/replicas/lease-guard.ts';
import type { Database } from '#server/store/schema.ts';
import type { Store } from '#server/store/store.ts';
import { nodeRecord, PODS, podRecord, upsert } from '#server/store/testing/store-fixtures.ts';
import { FencedWriteError, fencedStore } from './fenced-store.ts';

const TTL = 20_000;
const LEASE = 'cluster:c1';

async function withSqlite(run: (store: Store) => Promise<void>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fenced-store-'));
  const store = await openStore({ dataDir: dir });
  try {
    await run(store);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function withPostgres(run: (store: Store, schema: string) => Promise<void>) {
  const url = process.env.PORTOLAN_TEST_POSTGRES_URL ?? '';
  const schema = `portolan_fence_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const store = await openPostgresStore({ url, searchPath: `${schema},public`, poolSize: 4 });
  try {
    await run(store, schema);
  } finally {
    await store.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

/** Replica r1 holds the lease (generation 1) and syncs through a fenced store. */
async function staleOwner(store: Store, held: () => boolean) {
  const lease = await store.replicas.acquire(LEASE, 'r1', 1_000, TTL);
  assert.equal(lease?.generation, 1);
  let refusals = 0;
  let writes = 0;
  const fenced = fencedStore(
    store,
    'c1',
    { lease: { lease: LEASE, owner: 'r1', generation: 1 }, held },
    () => refusals++,
    () => writes++,
  );
  return { fenced, counts: () => ({ refusals, writes }) };
}

const stores = [
  ['SQLite', withSqlite],
  ['PostgreSQL', withPostgres],
] as const;

for (const [name, withStore] of stores) {
  describe(`fenced store on ${name}`, {
    skip: name === 'PostgreSQL' && !process.env.PORTOLAN_TEST_POSTGRES_URL,
  }, () => {
    test('reads and writes like the store while the lease holds, and refuses writes once it is lost', () =>
      withStore(async (store) => {
        let held = true;
        const { fenced, counts } = await staleOwner(store, () => held);
        await fenced.resources.applyChanges('c1', [upsert(nodeRecord('n1', true))]);
        await fenced.syncStates.put('c1', PODS, { resourceVersion: '3' });
        // Reads go through the real tables, methods on their prototypes included.
        assert.equal((await fenced.syncStates.get('c1', PODS))?.resourceVersion, '3');
        assert.equal((await fenced.syncStates.list('c1')).length, 1);
        assert.deepEqual(
          (await fenced.resources.counts()).map((c) => [c.clusterId, c.resource, c.count]),
          [['c1', 'nodes', 1]],
        );
        held = false;
        await assert.rejects(
          fenced.resources.applyChanges('c1', [upsert(podRecord({ namespace: 'a', name: 'p' }))]),
          FencedWriteError,
        );
        await assert.rejects(fenced.syncStates.put('c1', PODS, { resourceVersion: '4' }), FencedWriteError);
        assert.deepEqual(counts(), { refusals: 2, writes: 2 });
        assert.equal((await store.syncStates.get('c1', PODS))?.resourceVersion, '3', 'nothing written');
      }));

    test('a stale owner whose lease moved between its check and its write is refused in the transaction and changes nothing', () =>
      withStore(async (store) => {
        // The owner's own check passes (it has not noticed anything: it was paused right after it),
        // and the lease moves to r2 just then: each write must still be refused.
        let takeOver: (() => Promise<unknown>) | undefined;
        const { fenced, counts } = await staleOwner(store, () => {
          takeOver ??= () => store.replicas.acquire(LEASE, 'r2', 1_000 + TTL, TTL);
          return true;
        });
        await fenced.resources.applyChanges('c1', [upsert(nodeRecord('n1', true))]);
        await fenced.syncStates.put('c1', PODS, { resourceVersion: '3' });
        const taken = (await takeOver?.()) as { owner: string; generation: number } | undefined;
        assert.equal(taken?.owner, 'r2');
        assert.equal(taken?.generation, 2);

        await assert.rejects(
          fenced.resources.applyChanges('c1', [upsert(podRecord({ namespace: 'a', name: 'p' }))]),
          FencedWriteError,
        );
        await assert.rejects(
          fenced.resources.replaceAll('c1', PODS, [podRecord({ namespace: 'a', name: 'q' })], '9'),
          FencedWriteError,
        );
        await assert.rejects(fenced.syncStates.put('c1', PODS, { resourceVersion: '4' }), FencedWriteError);
        await assert.rejects(fenced.resources.purgeCluster('c1'), FencedWriteError);
        assert.deepEqual(counts(), { refusals: 4, writes: 2 });
        const pods = await store.resources.search({ clusterIds: ['c1'], types: [PODS], limit: 10 });
        assert.deepEqual(pods.items, [], 'no pod row written under the old generation');
        assert.equal((await store.syncStates.get('c1', PODS))?.resourceVersion, '3');
        assert.equal((await store.resources.counts()).length, 1, 'the node row survived the refused purge');
        // The new owner writes as usual.
        const next = fencedStore(
          store,
          'c1',
          { lease: { lease: LEASE, owner: 'r2', generation: 2 }, held: () => true },
          () => assert.fail('the new owner is refused'),
        );
        await next.syncStates.put('c1', PODS, { resourceVersion: '5' });
        assert.equal((await store.syncStates.get('c1', PODS))?.resourceVersion, '5');
      }));
  });
}

test(
  'on PostgreSQL a change of owner waits for a write transaction under the old lease to commit',
  { skip: !process.env.PORTOLAN_TEST_POSTGRES_URL },
  () =>
    withPostgres(async (store, schema) => {
      await store.replicas.acquire(LEASE, 'r1', 1_000, TTL);
      // A write transaction of r1 that has passed its check and not yet committed, on a connection
      // of its own: r2 taking the (expired) lease must wait for it to end.
      const pool = new pg.Pool({
        connectionString: process.env.PORTOLAN_TEST_POSTGRES_URL,
        max: 1,
        options: `-c search_path=${schema},public`,
      });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      let commit: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        commit = resolve;
      });
      try {
        let checked: () => void = () => {};
        const inside = new Promise<void>((resolve) => {
          checked = resolve;
        });
        const transaction = db.transaction().execute(async (trx) => {
          await leaseGuard({ lease: LEASE, owner: 'r1', generation: 1 }, true)(trx);
          checked();
          await held;
        });
        await inside;
        let takenAt = 0;
        const taking = store.replicas.acquire(LEASE, 'r2', 1_000 + TTL, TTL).then((lease) => {
          takenAt = Date.now();
          return lease;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(takenAt, 0, 'the takeover waits while a write under the old lease is open');
        const committedAt = Date.now();
        commit();
        await transaction;
        assert.equal((await taking)?.generation, 2);
        assert.ok(takenAt >= committedAt);
        // Every later write under the old lease is refused.
        const old = store.fencedWrites({ lease: LEASE, owner: 'r1', generation: 1 });
        await assert.rejects(old.syncStates.put('c1', PODS, { resourceVersion: '1' }), LeaseLostError);
      } finally {
        commit();
        await db.destroy();
      }
    }),
);
