import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestDatabase } from '../testing/database-fixtures.ts';
import { createSqlTerminalStore, type TerminalDatabase } from './terminal-sql-store.ts';
import type { TerminalStore } from './terminal-store.ts';

const alice = { id: 'u1', name: 'alice' };
const bob = { id: 'u2', name: 'bob' };

const row = (
  id: string,
  at: number,
  more: { user?: typeof alice; cluster?: string; replica?: string } = {},
) => ({
  id,
  user: more.user ?? alice,
  cluster: more.cluster ?? 'c1',
  replica: more.replica ?? 'r1',
  startedAt: new Date(at),
});

/** The one suite every TerminalStore passes, run on each dialect; time is passed in, never read. */
export function terminalStoreSuite(name: string, newDatabase: () => Promise<TestDatabase>): void {
  const withStore = async (run: (store: TerminalStore) => Promise<void>) => {
    const database = await newDatabase();
    try {
      await run(createSqlTerminalStore(database.db.withTables<TerminalDatabase>()));
    } finally {
      await database.destroy();
    }
  };

  test(`${name} terminal store: a session is written at start, counted, ended once with its transcript`, () =>
    withStore(async (store) => {
      await store.start(row('t1', 1000));
      assert.deepEqual(await store.get('t1'), {
        id: 't1',
        user: alice,
        cluster: 'c1',
        replica: 'r1',
        startedAt: new Date(1000),
        endedAt: null,
        endReason: null,
        bytesIn: 0,
        bytesOut: 0,
        hasTranscript: false,
      });
      await store.count('t1', 5, 700);
      assert.equal((await store.get('t1'))?.bytesOut, 700);
      const transcript = Buffer.from([0x1b, 0x5b, 0x33, 0x32, 0x6d, 0xff, 0x00, 0x0a]);
      const end = { at: new Date(5000), reason: 'exit', bytesIn: 9, bytesOut: 900, transcript };
      assert.equal(await store.end('t1', end), true);
      assert.equal(await store.end('t1', { ...end, reason: 'idle' }), false, 'ended once');
      const ended = await store.get('t1');
      assert.equal(ended?.endReason, 'exit');
      assert.deepEqual(ended?.endedAt, new Date(5000));
      assert.equal(ended?.bytesIn, 9);
      assert.equal(ended?.hasTranscript, true);
      assert.deepEqual(await store.transcript('t1'), transcript, 'bytes kept exactly');
      await store.count('t1', 1, 1);
      assert.equal((await store.get('t1'))?.bytesIn, 9, 'an ended session keeps its counts');
      assert.equal(await store.transcript('missing'), undefined);
    }));

  test(`${name} terminal store: pages newest first, filtered by user and cluster`, () =>
    withStore(async (store) => {
      for (let i = 0; i < 5; i++)
        await store.start(row(`a${i}`, 1000 + i * 10, { cluster: i % 2 ? 'c2' : 'c1' }));
      await store.start(row('b0', 1005, { user: bob }));
      // Two at the same time: the id decides.
      await store.start(row('a9', 1040));
      const first = await store.list({ limit: 3 });
      assert.deepEqual(
        first.items.map((item) => item.id),
        ['a9', 'a4', 'a3'],
      );
      assert.ok(first.nextCursor);
      const second = await store.list({ limit: 3, cursor: first.nextCursor });
      assert.deepEqual(
        second.items.map((item) => item.id),
        ['a2', 'a1', 'b0'],
      );
      const last = await store.list({ limit: 3, cursor: second.nextCursor ?? '' });
      assert.deepEqual(
        last.items.map((item) => item.id),
        ['a0'],
      );
      assert.equal(last.nextCursor, null);
      assert.deepEqual(
        (await store.list({ userId: 'u2' })).items.map((item) => item.id),
        ['b0'],
      );
      assert.deepEqual(
        (await store.list({ cluster: 'c2' })).items.map((item) => item.id),
        ['a3', 'a1'],
      );
      await assert.rejects(store.list({ cursor: 'nonsense' }), /cursor/);
    }));

  test(`${name} terminal store: open sessions of dead replicas are found; ended ones past retention are pruned`, () =>
    withStore(async (store) => {
      await store.start(row('live', 1000, { replica: 'r1' }));
      await store.start(row('dead', 1000, { replica: 'r2' }));
      await store.start(row('young', 9000, { replica: 'r3' }));
      await store.start(row('over', 1000, { replica: 'r2' }));
      await store.end('over', { at: new Date(2000), reason: 'exit', bytesIn: 0, bytesOut: 0 });
      assert.deepEqual(
        (await store.orphans(['r1'], new Date(5000))).map((item) => item.id),
        ['dead'],
      );
      assert.equal(await store.prune(new Date(1500)), 0, 'ended after the cut');
      assert.equal(await store.prune(new Date(3000)), 1);
      assert.equal(await store.get('over'), undefined);
      assert.ok(await store.get('dead'), 'open sessions are never pruned');
    }));
  test(`${name} terminal store: a user's sessions open on other replicas are counted for their limit`, () =>
    withStore(async (store) => {
      await store.start(row('here', 1000, { replica: 'r1' }));
      await store.start(row('there', 1000, { replica: 'r2' }));
      await store.start(row('there-too', 1000, { replica: 'r3' }));
      await store.start(row('ended', 1000, { replica: 'r2' }));
      await store.end('ended', { at: new Date(2000), reason: 'exit', bytesIn: 0, bytesOut: 0 });
      await store.start(row('someone-else', 1000, { replica: 'r2', user: bob }));
      assert.equal(await store.openElsewhere(alice.id, 'r1'), 2);
      assert.equal(await store.openElsewhere(alice.id, 'r2'), 2);
      assert.equal(await store.openElsewhere(bob.id, 'r2'), 0);
    }));
}
