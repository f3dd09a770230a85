import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSqlReplicaStore } from '#server/store/replicas/replica-sql-store.ts';
import {
  postgresTestDatabase,
  sqliteTestDatabase,
  type TestDatabase,
} from '#server/store/testing/database-fixtures.ts';
import { type ClusterFence, createWorkLeases, type WorkLeases } from './work-leases.ts';

const TTL = 20_000;
const RENEW = 5_000;
const CLUSTERS = ['c1', 'c2', 'c3', 'c4', 'c5'];

/** Several replicas on one database, with one hand-moved clock and rounds run by the test. */
function replicasOn(database: TestDatabase, count: number) {
  let time = 1_000_000;
  const clock = () => new Date(time);
  const quiet = { warn() {} };
  const jobRuns = new Map<string, string[]>();
  const replicas = Array.from({ length: count }, (_, i) => {
    const id = `r${i + 1}`;
    const syncing = new Map<string, ClusterFence>();
    const leases: WorkLeases = createWorkLeases({
      store: createSqlReplicaStore(database.db),
      replica: { id, address: `host-${id}:8080` },
      clock,
      ttlMs: TTL,
      renewMs: RENEW,
      timer: { every: () => ({ cancel() {} }) },
      jobs: {
        housekeeping: {
          start: () => void jobRuns.set('housekeeping', [...(jobRuns.get('housekeeping') ?? []), id]),
          stop: () =>
            void jobRuns.set(
              'housekeeping',
              (jobRuns.get('housekeeping') ?? []).filter((r) => r !== id),
            ),
        },
      },
      clusters: {
        start: async (clusterId, fence) => void syncing.set(clusterId, fence),
        stop: async (clusterId) => void syncing.delete(clusterId),
      },
      log: quiet,
    });
    return { id, leases, syncing };
  });
  return {
    replicas,
    jobRuns,
    advance: (ms: number) => {
      time += ms;
    },
    async startAll() {
      for (const replica of replicas) {
        await replica.leases.start();
        for (const cluster of CLUSTERS) await replica.leases.offer(cluster);
      }
    },
    /** One round on each replica given, twice: releases in the first, takes in the second. */
    async rounds(which = replicas) {
      for (let i = 0; i < 2; i++) for (const replica of which) await replica.leases.round();
    },
    owners() {
      return Object.fromEntries(replicas.map((r) => [r.id, [...r.syncing.keys()].sort()]));
    },
  };
}

function assertEachOnce(owners: Record<string, string[]>, among: string[]) {
  const all = among.flatMap((id) => owners[id] ?? []).sort();
  assert.deepEqual(all, CLUSTERS, `each cluster synced exactly once: ${JSON.stringify(owners)}`);
}

for (const [name, newDatabase] of [
  ['SQLite', sqliteTestDatabase],
  ['PostgreSQL', () => postgresTestDatabase(process.env.PORTOLAN_TEST_POSTGRES_URL ?? '')],
] as const) {
  if (name === 'PostgreSQL' && !process.env.PORTOLAN_TEST_POSTGRES_URL) {
    test('work leases on PostgreSQL', () =>
      assert.fail(
        'PORTOLAN_TEST_POSTGRES_URL is not set; run through scripts/test.sh or scripts/postgres.sh start',
      ));
    continue;
  }
  describe(`work leases on ${name}`, () => {
    test('clusters spread evenly over replicas, and a singleton job runs on one', async () => {
      const database = await newDatabase();
      try {
        const world = replicasOn(database, 3);
        await world.startAll();
        // The first replica took all five alone; the others joined after it.
        await world.rounds();
        const owners = world.owners();
        assert.deepEqual(
          Object.values(owners)
            .map((clusters) => clusters.length)
            .sort(),
          [1, 2, 2],
          JSON.stringify(owners),
        );
        assertEachOnce(owners, ['r1', 'r2', 'r3']);
        assert.deepEqual(world.jobRuns.get('housekeeping'), ['r1']);
      } finally {
        await database.destroy();
      }
    });

    test('a replica that stops renewing loses its clusters within ttl + renew; once back, it cannot write', async () => {
      const database = await newDatabase();
      try {
        const world = replicasOn(database, 3);
        await world.startAll();
        await world.rounds();
        const [r1, r2, r3] = world.replicas as [
          (typeof world.replicas)[0],
          (typeof world.replicas)[0],
          (typeof world.replicas)[0],
        ];
        const paused = [...r1.syncing.keys()];
        const staleFence = r1.syncing.get(paused[0] ?? '');
        assert.ok(staleFence && (await staleFence.holds()), 'the owner may write while it holds the lease');
        // Renewed, it still may after the lease's first expiry has passed.
        world.advance(RENEW);
        await world.rounds();
        world.advance(TTL - RENEW + 1);
        assert.ok(await staleFence.holds(), 'a renewed lease still admits writes');
        await world.rounds();
        // r1 is paused (no rounds): the others go on, every renew interval, for ttl + renew.
        for (let waited = 0; waited <= TTL + RENEW; waited += RENEW) {
          world.advance(RENEW);
          await world.rounds([r2, r3]);
        }
        assertEachOnce(world.owners(), ['r2', 'r3']);
        // r1, paused, still believes it runs the job; r2 runs it now.
        assert.ok(world.jobRuns.get('housekeeping')?.includes('r2'), 'the job moved too');
        // r1 wakes up: its sync's next write is refused before any round runs, then the round stops it.
        assert.equal(await staleFence.holds(), false);
        await r1.leases.round();
        assert.deepEqual(r1.syncing.size, 0);
        assert.deepEqual(world.jobRuns.get('housekeeping'), ['r2'], 'woken, r1 stops the job');
      } finally {
        await database.destroy();
      }
    });

    test('a sync stopped by a refused write under a lease still held is started again at the next round', async () => {
      const database = await newDatabase();
      try {
        const world = replicasOn(database, 1);
        await world.startAll();
        const [r1] = world.replicas as [(typeof world.replicas)[0]];
        const fence = r1.syncing.get('c1');
        assert.ok(fence);
        // The round came late (a loaded machine): the lease's local expiry passed, so the sync's
        // write was refused and the sync stopped, though no one else took the lease.
        world.advance(TTL + 1);
        assert.equal(fence.held(), false);
        r1.syncing.delete('c1');
        await r1.leases.lost('c1', fence.generation);
        await r1.leases.round();
        const again = r1.syncing.get('c1');
        assert.ok(again, 'the sync runs again');
        // Under a new generation: a write the stopped sync still had in flight is refused by it.
        assert.equal(again.generation, fence.generation + 1);
        assert.equal(again.held(), true);
        assert.equal(await fence.holds(), false);
        // A report about an older generation changes nothing.
        await r1.leases.lost('c1', fence.generation);
        assert.ok(r1.leases.ownedClusters().includes('c1'));
      } finally {
        await database.destroy();
      }
    });

    test('a clean stop hands its clusters over at once, without waiting for the lease to expire', async () => {
      const database = await newDatabase();
      try {
        const world = replicasOn(database, 2);
        await world.startAll();
        await world.rounds();
        const [r1, r2] = world.replicas as [(typeof world.replicas)[0], (typeof world.replicas)[0]];
        assert.ok(r1.syncing.size > 0);
        await r1.leases.stop();
        assert.equal(r1.syncing.size, 0);
        world.advance(1); // the next round, well before any lease would expire
        await r2.leases.round();
        assertEachOnce(world.owners(), ['r2']);
        assert.deepEqual(world.jobRuns.get('housekeeping'), ['r2']);
      } finally {
        await database.destroy();
      }
    });
  });
}
