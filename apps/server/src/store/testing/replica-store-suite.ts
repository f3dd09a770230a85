import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSqlReplicaStore } from '../replicas/replica-sql-store.ts';
import type { ReplicaStore } from '../replicas/replica-store.ts';
import type { TestDatabase } from './database-fixtures.ts';

const TTL = 20_000;

/** The one suite every ReplicaStore passes, run on each dialect; time is passed in, never read. */
export function replicaStoreSuite(name: string, newDatabase: () => Promise<TestDatabase>): void {
  const withStore = async (run: (store: ReplicaStore, other: ReplicaStore) => Promise<void>) => {
    const database = await newDatabase();
    try {
      // Two replicas' views of one database (on PostgreSQL, statements from the same pool).
      await run(createSqlReplicaStore(database.db), createSqlReplicaStore(database.db));
    } finally {
      await database.destroy();
    }
  };

  describe(`${name} replica store`, () => {
    test('a lease has one owner until it expires; the next owner gets a new generation', () =>
      withStore(async (a, b) => {
        const first = await a.acquire('cluster:c1', 'r1', 1_000, TTL);
        assert.equal(first?.owner, 'r1');
        assert.equal(first?.generation, 1);
        assert.equal(await b.acquire('cluster:c1', 'r2', 1_000 + TTL - 1, TTL), undefined, 'held by r1');
        // Acquiring again by its owner renews it and keeps the generation and since-when.
        const again = await a.acquire('cluster:c1', 'r1', 5_000, TTL);
        assert.equal(again?.generation, 1);
        assert.equal(again?.acquiredAt.getTime(), 1_000);
        assert.equal(again?.expiresAt.getTime(), 5_000 + TTL);
        assert.equal(await a.renew('cluster:c1', 'r1', 1, 10_000, TTL), true);
        assert.equal(await b.acquire('cluster:c1', 'r2', 10_000 + TTL - 1, TTL), undefined, 'renewed');
        const taken = await b.acquire('cluster:c1', 'r2', 10_000 + TTL, TTL);
        assert.equal(taken?.owner, 'r2');
        assert.equal(taken?.generation, 2);
        assert.equal(taken?.acquiredAt.getTime(), 10_000 + TTL);
        // The old owner's renewal and release are refused: its generation has moved on.
        assert.equal(await a.renew('cluster:c1', 'r1', 1, 10_000 + TTL, TTL), false);
        await a.release('cluster:c1', 'r1', 1);
        assert.equal((await a.get('cluster:c1'))?.owner, 'r2');
      }));

    test('a released lease is taken at once by another replica', () =>
      withStore(async (a, b) => {
        const lease = await a.acquire('job:housekeeping', 'r1', 1_000, TTL);
        assert.ok(lease);
        await a.release('job:housekeeping', 'r1', lease.generation);
        const taken = await b.acquire('job:housekeeping', 'r2', 1_001, TTL);
        assert.equal(taken?.owner, 'r2');
        assert.equal(taken?.generation, 2);
        assert.deepEqual(
          (await a.list()).map((l) => [l.name, l.owner, l.generation]),
          [['job:housekeeping', 'r2', 2]],
        );
      }));

    test('racing replicas: exactly one takes a free lease', () =>
      withStore(async (a, b) => {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).acquire('cluster:c9', `r${i}`, 1_000, TTL)),
        );
        assert.equal(results.filter(Boolean).length, 1, JSON.stringify(results));
      }));

    test('replicas join, beat and leave; a silent one is forgotten', () =>
      withStore(async (a) => {
        await a.join({ id: 'r1', address: 'h1:8080', startedAt: 1_000 }, 1_000);
        await a.join({ id: 'r2', address: 'h2:8080', startedAt: 2_000 }, 2_000);
        await a.heartbeat('r1', 30_000);
        const live = await a.live(30_000 - TTL);
        assert.deepEqual(
          live.map((r) => [r.id, r.address, r.startedAt.getTime(), r.heartbeatAt.getTime()]),
          [['r1', 'h1:8080', 1_000, 30_000]],
        );
        await a.leave('r1');
        assert.deepEqual(await a.live(0), []);
      }));
  });
}
