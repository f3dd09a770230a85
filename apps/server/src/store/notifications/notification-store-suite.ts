import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestDatabase } from '../testing/database-fixtures.ts';
import { createSqlNotificationStore, type NotificationDatabase } from './notification-sql-store.ts';
import type { NotificationStore, StoredDelivery } from './notification-store.ts';

const delivery = (id: string, more: Partial<StoredDelivery> = {}): StoredDelivery => ({
  id,
  receiver: 'ops-hook',
  policy: 'critical',
  kind: 'firing',
  group: { alertname: 'PodCrashLooping', cluster: 'c1' },
  alerts: ['a1'],
  at: new Date(Number(id.split('-')[0])),
  ok: true,
  pending: false,
  attempts: [{ at: new Date(1000).toISOString(), ok: true, status: 200, durationMs: 12 }],
  title: 'PodCrashLooping on c1',
  ...more,
});

/** The one suite every NotificationStore passes, run on each dialect; time is passed in, never read. */
export function notificationStoreSuite(name: string, newDatabase: () => Promise<TestDatabase>): void {
  const withStore = async (run: (store: NotificationStore) => Promise<void>) => {
    const database = await newDatabase();
    try {
      await run(createSqlNotificationStore(database.db.withTables<NotificationDatabase>()));
    } finally {
      await database.destroy();
    }
  };

  test(`${name} notification store: receivers and policies are created, replaced, listed in order and removed`, () =>
    withStore(async (store) => {
      const receiver = {
        name: 'ops-hook',
        type: 'webhook',
        spec: { retries: 2 },
        sealed: 'pc1.sealed',
        updatedBy: 'alice',
        updatedAt: new Date(1000),
      };
      assert.deepEqual(await store.putReceiver(receiver), { created: true });
      assert.deepEqual(await store.putReceiver({ ...receiver, spec: { retries: 3 }, sealed: null }), {
        created: false,
      });
      assert.deepEqual(await store.getReceiver('ops-hook'), {
        ...receiver,
        spec: { retries: 3 },
        sealed: null,
      });
      await store.putPolicy({
        name: 'b',
        position: 10,
        spec: { receivers: ['x'] },
        updatedBy: 'a',
        updatedAt: new Date(1),
      });
      await store.putPolicy({
        name: 'a',
        position: 20,
        spec: { receivers: ['x'] },
        updatedBy: 'a',
        updatedAt: new Date(1),
      });
      await store.putPolicy({
        name: 'c',
        position: 10,
        spec: { receivers: ['x'] },
        updatedBy: 'a',
        updatedAt: new Date(1),
      });
      assert.deepEqual(
        (await store.listPolicies()).map((p) => p.name),
        ['b', 'c', 'a'],
      );
      await store.saveGroup({
        policy: 'b',
        key: 'k',
        labels: { cluster: 'c1' },
        firing: ['a1'],
        waitingSince: null,
        lastSentAt: new Date(5),
        updatedAt: new Date(5),
      });
      assert.equal(await store.deletePolicy('b'), true);
      assert.equal(await store.deletePolicy('b'), false);
      assert.deepEqual(await store.listGroups(), [], "a removed policy's groups go with it");
      assert.equal(await store.deleteReceiver('ops-hook'), true);
      assert.equal(await store.getReceiver('ops-hook'), undefined);
    }));

  test(`${name} notification store: deliveries page newest first and filter by receiver, outcome and alert`, () =>
    withStore(async (store) => {
      await store.saveDelivery(delivery('0000001000-a', { pending: true, ok: false, attempts: [] }));
      await store.saveDelivery(delivery('0000001000-a'));
      await store.saveDelivery(delivery('0000002000-b', { ok: false, alerts: ['a2', 'a_3'] }));
      await store.saveDelivery(delivery('0000003000-c', { receiver: 'mail' }));
      const all = await store.listDeliveries({ limit: 10 });
      assert.deepEqual(
        all.map((d) => d.id),
        ['0000003000-c', '0000002000-b', '0000001000-a'],
      );
      assert.equal(all[2]?.pending, false, 'saving again replaces the pending record');
      assert.deepEqual(all[2]?.attempts, delivery('x-1').attempts);
      const page = await store.listDeliveries({ limit: 1, before: '0000003000-c' });
      assert.deepEqual(
        page.map((d) => d.id),
        ['0000002000-b'],
      );
      assert.deepEqual(
        (await store.listDeliveries({ limit: 10, receiver: 'ops-hook', ok: true })).map((d) => d.id),
        ['0000001000-a'],
      );
      assert.deepEqual(
        (await store.listDeliveries({ limit: 10, alert: 'a_3' })).map((d) => d.id),
        ['0000002000-b'],
      );
      // `_` is a wildcard in LIKE: an id that only matches through it is not found.
      assert.deepEqual(await store.listDeliveries({ limit: 10, alert: 'a%3' }), []);
      assert.equal(await store.pruneDeliveries(new Date(2500)), 2);
      assert.equal((await store.listDeliveries({ limit: 10 })).length, 1);
    }));

  test(`${name} notification store: a group's memory is saved and replaced`, () =>
    withStore(async (store) => {
      const group = {
        policy: 'p',
        key: 'alertname=X,cluster=c1',
        labels: { alertname: 'X', cluster: 'c1' },
        firing: [] as string[],
        waitingSince: new Date(100),
        lastSentAt: null,
        updatedAt: new Date(100),
      };
      await store.saveGroup(group);
      await store.saveGroup({ ...group, firing: ['a1'], waitingSince: null, lastSentAt: new Date(200) });
      assert.deepEqual(await store.listGroups(), [
        { ...group, firing: ['a1'], waitingSince: null, lastSentAt: new Date(200) },
      ]);
      await store.deleteGroup('p', group.key);
      assert.deepEqual(await store.listGroups(), []);
    }));
}
