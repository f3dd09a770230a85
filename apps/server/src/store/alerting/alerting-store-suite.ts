import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestDatabase } from '../testing/database-fixtures.ts';
import { type AlertingDatabase, createSqlAlertingStore } from './alerting-sql-store.ts';
import type { StoredAlert } from './alerting-store.ts';

const alertOf = (id: string, more: Partial<StoredAlert> = {}): StoredAlert => ({
  id,
  rule: 'pod-crash-looping',
  origin: 'rule',
  level: 'warning',
  labels: { cluster: 'c1', namespace: 'shop', pod: id },
  summary: `Pod shop/${id} is crash-looping`,
  description: '',
  state: 'firing',
  silencedBy: null,
  inhibitedBy: null,
  value: 3,
  startsAt: new Date(1000),
  endsAt: null,
  updatedAt: new Date(1000),
  ...more,
});

/** The one suite every AlertingStore passes, run on each dialect; time is passed in, never read. */
export function alertingStoreSuite(dialect: string, open: () => Promise<TestDatabase>): void {
  const withStore =
    (run: (store: ReturnType<typeof createSqlAlertingStore>) => Promise<void>) => async () => {
      const database = await open();
      try {
        await run(createSqlAlertingStore(database.db.withTables<AlertingDatabase>()));
      } finally {
        await database.destroy();
      }
    };

  test(
    `${dialect} alerting store: a rule is saved, replaced keeping its status and author, and removed; a built-in one is ensured once`,
    withStore(async (store) => {
      const rule = {
        name: 'crash',
        spec: { level: 'warning', template: 'pod-crash-looping' },
        builtIn: false,
      };
      assert.deepEqual(
        await store.saveRule({ ...rule, createdBy: 'alice', updatedBy: 'alice', updatedAt: new Date(1) }),
        { created: true },
      );
      await store.setRuleStatus('crash', { clusters: [{ cluster: 'c1', state: 'active' }] });
      const replaced = await store.saveRule({
        ...rule,
        spec: { level: 'critical', template: 'pod-crash-looping' },
        updatedBy: 'bob',
        updatedAt: new Date(2),
      });
      assert.deepEqual(replaced, { created: false });
      const stored = await store.rule('crash');
      assert.equal(stored?.createdBy, 'alice');
      assert.equal(stored?.updatedBy, 'bob');
      assert.deepEqual(stored?.spec, { level: 'critical', template: 'pod-crash-looping' });
      assert.deepEqual(stored?.status, { clusters: [{ cluster: 'c1', state: 'active' }] });
      const builtIn = { name: 'cluster-offline', spec: { level: 'critical' }, builtIn: true };
      await store.ensureRule({
        ...builtIn,
        createdBy: 'portolan',
        updatedBy: 'portolan',
        updatedAt: new Date(3),
      });
      await store.ensureRule({
        ...builtIn,
        spec: { level: 'info' },
        createdBy: 'portolan',
        updatedBy: 'portolan',
        updatedAt: new Date(4),
      });
      assert.deepEqual((await store.rule('cluster-offline'))?.spec, { level: 'critical' });
      assert.deepEqual(
        (await store.rules()).map((r) => [r.name, r.builtIn]),
        [
          ['cluster-offline', true],
          ['crash', false],
        ],
      );
      assert.equal(await store.deleteRule('crash'), true);
      assert.equal(await store.deleteRule('crash'), false);
    }),
  );

  test(
    `${dialect} alerting store: alerts are upserted with their timeline in order; resolved ones are listed only since a time`,
    withStore(async (store) => {
      await store.saveAlerts(
        [alertOf('a'), alertOf('b', { startsAt: new Date(2000) })],
        [
          { alertId: 'a', at: new Date(900), event: 'pending', detail: null },
          { alertId: 'a', at: new Date(1000), event: 'firing', detail: 'value 3' },
        ],
      );
      await store.saveAlerts(
        [alertOf('a', { state: 'resolved', endsAt: new Date(5000), updatedAt: new Date(5000) })],
        [{ alertId: 'a', at: new Date(5000), event: 'resolved', detail: null }],
      );
      await store.addEvents([
        {
          alertId: 'a',
          at: new Date(5000),
          event: 'notified',
          detail: 'firing message to ops',
          detailCode: 'notified-firing',
          detailParams: { receiver: 'ops' },
        },
      ]);
      assert.deepEqual(
        (await store.alerts()).map((alert) => alert.id),
        ['b'],
      );
      assert.deepEqual(
        (await store.alerts({ resolvedSince: new Date(4000) })).map((alert) => [alert.id, alert.state]),
        [
          ['b', 'firing'],
          ['a', 'resolved'],
        ],
      );
      assert.deepEqual(
        (await store.events('a')).map((event) => event.event),
        ['pending', 'firing', 'resolved', 'notified'],
      );
      // An event keeps its detail's code and values (migration 0030); one written without has none.
      const timeline = await store.events('a');
      assert.equal(timeline[1]?.detailCode, undefined);
      assert.equal(timeline[3]?.detailCode, 'notified-firing');
      assert.deepEqual(timeline[3]?.detailParams, { receiver: 'ops' });
      const a = await store.alert('a');
      assert.deepEqual(a?.labels, { cluster: 'c1', namespace: 'shop', pod: 'a' });
      assert.equal(a?.textCode, undefined, "a rule's alert has no text code");
      // A raised alert keeps its text's code and values (migration 0028).
      await store.saveAlerts(
        [alertOf('c', { textCode: 'delivery-failing', textParams: { receiver: 'r', failures: 3 } })],
        [],
      );
      const c = await store.alert('c');
      assert.equal(c?.textCode, 'delivery-failing');
      assert.deepEqual(c?.textParams, { receiver: 'r', failures: 3 });
      assert.equal(a?.endsAt?.getTime(), 5000);
      assert.equal(a?.value, 3);
      // Pruned by age: the resolved alert and its timeline go; the firing one stays.
      assert.ok((await store.prune(new Date(6000))) >= 5);
      assert.equal(await store.alert('a'), undefined);
      assert.deepEqual(await store.events('a'), []);
      assert.ok(await store.alert('b'));
    }),
  );

  test(
    `${dialect} alerting store: a silence is created, expired by moving its end, and pruned after it ended`,
    withStore(async (store) => {
      await store.createSilence({
        id: 's1',
        matchers: [{ label: 'cluster', op: '=', value: 'c1' }],
        startsAt: new Date(1000),
        endsAt: new Date(100_000),
        comment: 'maintenance',
        createdBy: 'alice',
        createdAt: new Date(1000),
      });
      const expired = await store.expireSilence('s1', new Date(2000));
      assert.equal(expired?.endsAt.getTime(), 2000);
      // An ended silence keeps its end.
      assert.equal((await store.expireSilence('s1', new Date(3000)))?.endsAt.getTime(), 2000);
      assert.equal(await store.expireSilence('nope', new Date(3000)), undefined);
      assert.deepEqual(
        (await store.silences()).map((s) => s.matchers),
        [[{ label: 'cluster', op: '=', value: 'c1' }]],
      );
      await store.prune(new Date(2500));
      assert.deepEqual(await store.silences(), []);
    }),
  );
}
