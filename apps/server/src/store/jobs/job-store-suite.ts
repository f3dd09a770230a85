import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TestDatabase } from '../testing/database-fixtures.ts';
import { createSqlJobStore } from './job-sql-store.ts';
import type { JobStore, JobVisibility, StoredJob } from './job-store.ts';

const ALL: JobVisibility = { all: true };
const alice = { id: 'u1', name: 'alice' };

type NewJob = Parameters<JobStore['create']>[0];

function job(
  id: string,
  at: number,
  place: Partial<Pick<NewJob, 'cluster' | 'namespace' | 'kind'>> = {},
): NewJob {
  return {
    id,
    kind: place.kind ?? 'helm.install',
    cluster: place.cluster ?? null,
    namespace: place.namespace ?? null,
    target: `release-${id}`,
    createdBy: alice,
    state: 'running',
    replica: 'r1',
    createdAt: new Date(at),
  };
}

const ids = (items: StoredJob[]) => items.map((item) => item.id);

/** The one suite every JobStore passes, run on each dialect; time is passed in, never read. */
export function jobStoreSuite(name: string, newDatabase: () => Promise<TestDatabase>): void {
  const withStore = async (run: (store: JobStore) => Promise<void>) => {
    const database = await newDatabase();
    try {
      await run(createSqlJobStore(database.db));
    } finally {
      await database.destroy();
    }
  };

  describe(`${name} job store`, () => {
    test('a job is kept as created, ends once with its reason or result, and keeps its steps in order', () =>
      withStore(async (store) => {
        await store.create(job('j1', 1_000, { cluster: 'c1', namespace: 'ns-a' }));
        const created = await store.get('j1');
        assert.equal(created?.state, 'running');
        assert.equal(created?.cluster, 'c1');
        assert.equal(created?.namespace, 'ns-a');
        assert.deepEqual(created?.createdBy, alice);
        assert.equal(created?.createdAt.getTime(), 1_000);
        assert.equal(created?.finishedAt, null);
        await store.addSteps('j1', [
          {
            seq: 1,
            at: new Date(1_100),
            level: 'info',
            code: 'chart-fetched',
            params: { chart: 'nginx', size: 12 },
            text: 'a',
          },
          { seq: 2, at: new Date(1_200), level: 'info', code: 'rendered', params: {}, text: 'b' },
        ]);
        await store.addSteps('j1', [
          { seq: 3, at: new Date(1_300), level: 'error', code: 'failed', params: { reason: 'x' }, text: 'c' },
        ]);
        const steps = await store.steps('j1');
        assert.deepEqual(
          steps.map((step) => step.seq),
          [1, 2, 3],
        );
        assert.deepEqual(steps[0]?.params, { chart: 'nginx', size: 12 });
        assert.equal(steps[2]?.level, 'error');
        assert.equal(steps[1]?.at.getTime(), 1_200);
        assert.deepEqual(
          (await store.steps('j1', 1)).map((step) => step.seq),
          [2, 3],
        );
        assert.deepEqual(
          (await store.steps('j1', 0, 1)).map((step) => step.seq),
          [1],
        );
        assert.equal(
          await store.finish('j1', {
            state: 'succeeded',
            at: new Date(2_000),
            error: null,
            result: { revision: 3 },
          }),
          true,
        );
        assert.equal(
          await store.finish('j1', { state: 'failed', at: new Date(3_000), error: 'late' }),
          false,
          'ended once',
        );
        const ended = await store.get('j1');
        assert.equal(ended?.state, 'succeeded');
        assert.equal(ended?.finishedAt?.getTime(), 2_000);
        assert.deepEqual(ended?.result, { revision: 3 });
        assert.equal(await store.get('nope'), undefined);
      }));

    test("a failed job keeps its reason's code and values beside the English; others have none", () =>
      withStore(async (store) => {
        await store.create(job('coded', 1_000));
        await store.create(job('plain', 1_000));
        await store.finish('coded', {
          state: 'failed',
          at: new Date(2_000),
          error: 'the pre-upgrade hook failed: timed out',
          errorCode: 'hook-failed',
          errorParams: { hook: 'pre-upgrade', detail: 'timed out', seconds: 4 },
        });
        await store.finish('plain', { state: 'failed', at: new Date(2_000), error: 'no' });
        const coded = await store.get('coded');
        assert.equal(coded?.errorCode, 'hook-failed');
        assert.deepEqual(coded?.errorParams, { hook: 'pre-upgrade', detail: 'timed out', seconds: 4 });
        const plain = (await store.list({ visible: ALL })).items.find((item) => item.id === 'plain');
        assert.equal(plain?.errorCode, null);
        assert.equal(plain?.errorParams, null);
      }));

    test('lists newest first in pages with a total, filtered by cluster, kind, state and reach', () =>
      withStore(async (store) => {
        await store.create(job('a', 1_000, { cluster: 'c1', namespace: 'ns-a' }));
        await store.create(job('b', 2_000, { cluster: 'c1', namespace: 'ns-b' }));
        await store.create(job('c', 3_000, { cluster: 'c2', kind: 'cluster.upgrade' }));
        await store.create(job('d', 4_000, { kind: 'platform.backup' }));
        // Two at the same moment: ordered by id, and paging does not lose either.
        await store.create(job('e', 4_000, { cluster: 'c1' }));
        await store.finish('c', { state: 'failed', at: new Date(3_500), error: 'no' });

        const first = await store.list({ visible: ALL, limit: 2 });
        assert.deepEqual(ids(first.items), ['e', 'd']);
        assert.equal(first.total, 5);
        assert.ok(first.continue);
        const second = await store.list({ visible: ALL, limit: 2, continue: first.continue });
        assert.deepEqual(ids(second.items), ['c', 'b']);
        const third = await store.list({ visible: ALL, limit: 2, continue: second.continue });
        assert.deepEqual(ids(third.items), ['a']);
        assert.equal(third.continue, undefined);

        assert.deepEqual(ids((await store.list({ visible: ALL, cluster: 'c1' })).items), ['e', 'b', 'a']);
        assert.deepEqual(ids((await store.list({ visible: ALL, kind: 'cluster.upgrade' })).items), ['c']);
        assert.deepEqual(ids((await store.list({ visible: ALL, state: 'failed' })).items), ['c']);
        assert.equal((await store.list({ visible: ALL, state: 'running' })).total, 4);

        // A namespace's reader sees that namespace's jobs only; a cluster's reader the cluster's, not
        // the platform-wide one; no reach sees nothing.
        const nsOnly = await store.list({
          visible: { all: false, clusters: [], namespaces: [{ cluster: 'c1', namespace: 'ns-a' }] },
        });
        assert.deepEqual(ids(nsOnly.items), ['a']);
        assert.equal(nsOnly.total, 1);
        const clusterTwo = await store.list({
          visible: { all: false, clusters: ['c2'], namespaces: [{ cluster: 'c1', namespace: 'ns-b' }] },
        });
        assert.deepEqual(ids(clusterTwo.items), ['c', 'b']);
        const none = await store.list({ visible: { all: false, clusters: [], namespaces: [] } });
        assert.deepEqual(none, { items: [], total: 0 });

        await assert.rejects(store.list({ visible: ALL, continue: 'garbage' }), /continue token/);
      }));

    test('a cancel waits in the row for the replica running the job; jobs of dead replicas are found', () =>
      withStore(async (store) => {
        await store.create(job('a', 1_000));
        await store.create({ ...job('b', 1_000), replica: 'r2' });
        await store.create({ ...job('c', 9_000), replica: 'r2' });
        assert.equal(await store.requestCancel('a', 'bob'), true);
        assert.deepEqual(await store.cancelRequests('r1'), [{ id: 'a', by: 'bob' }]);
        assert.deepEqual(await store.cancelRequests('r2'), []);
        await store.finish('a', { state: 'cancelled', at: new Date(2_000), error: 'Cancelled by bob' });
        assert.deepEqual(await store.cancelRequests('r1'), [], 'an ended job asks nothing');
        assert.equal(await store.requestCancel('a', 'bob'), false, 'not running');
        // r2 is dead; its job started after `before` is left for a later sweep.
        assert.deepEqual(ids(await store.orphans(['r1'], new Date(5_000))), ['b']);
        assert.deepEqual(ids(await store.orphans(['r1', 'r2'], new Date(10_000))), []);
      }));

    test('jobs that ended before the retention go with their steps; running and newer ones stay', () =>
      withStore(async (store) => {
        for (const id of ['old', 'recent', 'running']) await store.create(job(id, 1_000));
        const step = {
          seq: 1,
          at: new Date(1_100),
          level: 'info' as const,
          code: 'applied',
          params: {},
          text: 'Applied',
        };
        for (const id of ['old', 'recent', 'running']) await store.addSteps(id, [step]);
        await store.finish('old', { state: 'succeeded', at: new Date(2_000), error: null });
        await store.finish('recent', { state: 'failed', at: new Date(8_000), error: 'no' });
        assert.equal(await store.prune(new Date(5_000)), 1);
        assert.equal(await store.get('old'), undefined);
        assert.deepEqual(await store.steps('old'), []);
        assert.equal((await store.steps('recent')).length, 1);
        assert.equal((await store.get('running'))?.state, 'running');
      }));
  });
}
