/**
 * Issue #10 for the alert pages: the events on an alert's timeline and the text of the alerts
 * Portolan's templates raise keep a code and values beside their English, through the real store
 * (SQLite, and PostgreSQL), so the console words them in the reader's language. A rule with its own
 * summary keeps its words uncoded.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ALERT_EVENT_WORDS,
  type AlertView,
  fillWords,
  TEMPLATE_ALERT_WORDS,
  TEMPLATE_DETAIL_WORDS,
} from '@portolan/api';
import type { Caller } from '#server/iam/caller.ts';
import type { InstantSample, MetricsEngine, MetricsSource } from '#server/monitoring/contract.ts';
import { type AlertingDatabase, createSqlAlertingStore } from '#server/store/alerting/alerting-sql-store.ts';
import type { AlertingStore } from '#server/store/alerting/alerting-store.ts';
import {
  postgresTestDatabase,
  sqliteTestDatabase,
  type TestDatabase,
} from '#server/store/testing/database-fixtures.ts';
import { createAlerting } from './index.ts';
import type { ClusterFact } from './templates.ts';

const admin: Caller = {
  userId: 'u1',
  username: 'admin',
  groups: [],
  grants: [
    {
      role: 'Admin',
      level: 'platform',
      subject: { kind: 'user', name: 'admin' },
      bindingId: 'b1',
    },
  ],
  credential: { kind: 'session', sessionIdHash: 'x' },
};

const SOURCES = ['kube_pod_container_status_restarts_total', 'kube_pod_container_status_waiting_reason'];

/** The evaluator and feed over one store, a clock the test moves, and a fake of Portolan's own engine. */
function world(store: AlertingStore) {
  let now = new Date('2026-12-05T10:00:00Z');
  let crashing = true;
  // Seven days after the second round (240 s on).
  const expires = new Date('2026-12-12T10:04:00Z');
  const clusters: ClusterFact[] = [
    {
      name: 'c1',
      status: 'Ready',
      reason: null,
      credentials: [{ kind: 'client-certificate', field: 'users[0]', expiresAt: expires, renewable: false }],
    },
    {
      name: 'c2',
      status: 'Offline',
      reason: 'cannot reach 10.0.0.9:6443: connection refused (ECONNREFUSED)',
      reasonCode: 'unreachable',
      reasonParams: { address: '10.0.0.9:6443', systemCode: 'ECONNREFUSED' },
      credentials: [],
    },
  ];
  const source: MetricsSource = {
    kind: 'managed',
    async query(promql): Promise<InstantSample[]> {
      return crashing && promql.includes('"c1"')
        ? [
            {
              labels: { cluster: 'c1', namespace: 'shop', pod: 'web-1', container: 'app' },
              value: 4,
              at: now.getTime(),
            },
          ]
        : [];
    },
    queryRange: async () => [],
    metricNames: async () => new Set(SOURCES),
    targets: async () => [],
  };
  const engine: MetricsEngine = {
    sourceFor: () => source,
    managed: () => source,
    status: async () => ({}) as Awaited<ReturnType<MetricsEngine['status']>>,
  };
  const alerting = createAlerting({
    store,
    clusters: async () => clusters,
    engine: () => engine,
    clock: () => now,
    timer: { every: () => ({ cancel() {} }) },
    log: { warn() {} },
  });
  return {
    alerting,
    expires,
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
    },
    stopCrashing() {
      crashing = false;
    },
    /** c1 goes offline (its reason uncoded) or answers again. */
    setOffline(offline: boolean) {
      const c1 = clusters[0] as ClusterFact;
      c1.status = offline ? 'Offline' : 'Ready';
      c1.reason = offline ? 'connection refused' : null;
    },
  };
}

/** Every coded detail on the timeline says in English exactly what its words with its values say. */
function assertDetailsMatch(view: AlertView) {
  for (const entry of view.timeline ?? []) {
    assert.ok(entry.detailCode, `${entry.event} "${entry.detail}" has a code`);
    const words = ALERT_EVENT_WORDS[entry.detailCode as keyof typeof ALERT_EVENT_WORDS];
    assert.equal(entry.detail, fillWords(words, entry.detailParams ?? {}));
  }
}

function suite(dialect: string, open: () => Promise<TestDatabase>) {
  let database: TestDatabase;
  let store: AlertingStore;
  before(async () => {
    database = await open();
    store = createSqlAlertingStore(database.db.withTables<AlertingDatabase>());
  });
  after(() => database?.destroy());

  test(`${dialect}: a template alert keeps its text's code and values; its timeline's details keep theirs`, async () => {
    const w = world(store);
    const { service } = w.alerting;
    await service.putRule(admin, 'crash', { template: 'pod-crash-looping', level: 'warning', for: '1m' });
    await service.putRule(admin, 'own-words', {
      template: 'pod-crash-looping',
      level: 'info',
      for: '0s',
      summary: 'web is unwell on {{cluster}}',
    });
    await w.alerting.evaluate();
    w.advance(61);
    await w.alerting.evaluate();
    const page = await service.listAlerts(admin, {});
    const crash = page.items.find((alert) => alert.rule === 'crash');
    assert.equal(crash?.textCode, 'template.pod-crash-looping');
    assert.deepEqual(crash?.textParams, {
      namespace: 'shop',
      pod: 'web-1',
      cluster: 'c1',
      container: 'app',
    });
    assert.equal(
      crash?.summary,
      fillWords(TEMPLATE_ALERT_WORDS['pod-crash-looping'].summary, crash.textParams),
    );
    // A rule with its own summary: the user's words, not coded.
    const own = page.items.find((alert) => alert.rule === 'own-words');
    assert.equal(own?.summary, 'web is unwell on c1');
    assert.equal(own?.textCode, undefined);

    w.stopCrashing();
    w.advance(30);
    await w.alerting.evaluate();
    const view = await service.getAlert(admin, crash?.id ?? '');
    assert.deepEqual(
      view.timeline?.map((entry) => [entry.event, entry.detailCode, entry.detailParams]),
      [
        ['pending', 'condition-held', { for: '1m' }],
        ['firing', 'value', { value: 4 }],
        ['resolved', 'condition-gone', {}],
      ],
    );
    assertDetailsMatch(view);
    await service.deleteRule(admin, 'crash');
    await service.deleteRule(admin, 'own-words');
  });

  test(`${dialect}: the built-in cluster-offline alert and an expiring certificate carry their detail lines as codes`, async () => {
    const w = world(store);
    const { service } = w.alerting;
    await w.alerting.ensureBuiltIns();
    await service.putRule(admin, 'cert', { template: 'certificate-expiring', level: 'warning', for: '0s' });
    w.advance(120);
    await w.alerting.evaluate();
    w.advance(120);
    await w.alerting.evaluate();
    const page = await service.listAlerts(admin, {});
    const offline = page.items.find((alert) => alert.rule === 'cluster-offline');
    assert.equal(offline?.textCode, 'template.cluster-offline-built-in');
    assert.deepEqual(offline?.textParams, {
      cluster: 'c2',
      detail: 'cannot reach 10.0.0.9:6443: connection refused (ECONNREFUSED)',
      detailCode: 'cluster-reason',
      reasonCode: 'unreachable',
      'detail.address': '10.0.0.9:6443',
      'detail.systemCode': 'ECONNREFUSED',
    });
    assert.equal(
      offline?.description,
      `${TEMPLATE_ALERT_WORDS['cluster-offline-built-in'].description} ${offline?.textParams?.detail}`,
    );
    const cert = page.items.find((alert) => alert.rule === 'cert');
    assert.equal(cert?.textCode, 'template.certificate-expiring');
    assert.deepEqual(cert?.textParams, {
      cluster: 'c1',
      value: '7',
      detail: fillWords(TEMPLATE_DETAIL_WORDS.expires, { at: w.expires.toISOString() }),
      detailCode: 'expires',
      'detail.at': w.expires.toISOString(),
    });
    assert.equal(cert?.summary, 'The client certificate Portolan uses for c1 expires in 7 days');
    // A day on, the summary says 6 days: its value follows, the detail line stays as it fired.
    w.advance(86_400);
    await w.alerting.evaluate();
    const later = (await service.listAlerts(admin, {})).items.find((alert) => alert.rule === 'cert');
    assert.equal(later?.summary, 'The client certificate Portolan uses for c1 expires in 6 days');
    assert.deepEqual(later?.textParams, { ...cert?.textParams, value: '6' });
    await service.deleteRule(admin, 'cert');
  });

  test(`${dialect}: silenced, unsilenced, inhibited and uninhibited events keep their codes and values`, async () => {
    const w = world(store);
    const { service } = w.alerting;
    await service.putRule(admin, 'crash2', { template: 'pod-crash-looping', level: 'warning', for: '0s' });
    await service.putRule(admin, 'offline', { template: 'cluster-offline', level: 'critical', for: '0s' });
    await w.alerting.evaluate();
    const crash = (await service.listAlerts(admin, {})).items.find((alert) => alert.rule === 'crash2');
    assert.ok(crash);
    const silence = await service.createSilence(admin, {
      matchers: [{ label: 'alertname', op: '=', value: 'crash2' }],
      endsAt: new Date(Date.parse('2026-12-05T11:00:00Z')).toISOString(),
      comment: 'known, fixing',
    });
    w.advance(5);
    await w.alerting.evaluate();
    w.advance(5);
    await service.expireSilence(admin, silence.id);
    await w.alerting.evaluate();
    w.setOffline(true);
    w.advance(5);
    await w.alerting.evaluate();
    const offline = (await service.listAlerts(admin, {})).items.find(
      (alert) => alert.rule === 'offline' && alert.labels.cluster === 'c1',
    );
    assert.ok(offline);
    // An uncoded cluster reason stays the detail line in English, with no code of its own.
    assert.equal(offline.textCode, 'template.cluster-offline');
    assert.equal(offline.textParams?.detail, 'connection refused');
    assert.equal(offline.textParams?.detailCode, undefined);
    w.setOffline(false);
    w.advance(5);
    await w.alerting.evaluate();
    const view = await service.getAlert(admin, crash.id);
    assert.deepEqual(
      view.timeline?.map((entry) => [entry.event, entry.detailCode, entry.detailParams]),
      [
        ['firing', 'value', { value: 4 }],
        ['silenced', 'silenced', { silence: silence.id, by: 'admin', comment: 'known, fixing' }],
        ['unsilenced', 'unsilenced', { silence: silence.id }],
        ['inhibited', 'inhibited', { cluster: 'c1', alert: offline.id }],
        ['uninhibited', 'uninhibited', { cluster: 'c1' }],
      ],
    );
    assertDetailsMatch(view);
    await service.deleteRule(admin, 'crash2');
    await service.deleteRule(admin, 'offline');
    await w.alerting.evaluate();
  });

  test(`${dialect}: Portolan's own alert is raised and resolved with coded timeline details`, async () => {
    const w = world(store);
    const labels = { receiver: `r-${dialect}` };
    await w.alerting.feed.raise({
      rule: 'NotificationDeliveryFailing',
      level: 'warning',
      labels,
      summary: 'Notifications to receiver r keep failing',
      description: 'd',
    });
    const raised = (await w.alerting.service.listAlerts(admin, {})).items.find(
      (alert) => alert.labels.receiver === labels.receiver,
    );
    assert.ok(raised);
    await w.alerting.feed.recordAlertEvent(raised.id, 'notify-failed', {
      detail: 'r: boom',
      detailCode: 'notify-failed',
      detailParams: { receiver: 'r', error: 'boom' },
    });
    w.advance(5);
    await w.alerting.feed.resolve('NotificationDeliveryFailing', labels);
    const view = await w.alerting.service.getAlert(admin, raised.id);
    assert.deepEqual(
      view.timeline?.map((entry) => [entry.event, entry.detail, entry.detailCode]),
      [
        ['firing', 'raised by Portolan', 'raised'],
        ['notify-failed', 'r: boom', 'notify-failed'],
        ['resolved', 'resolved by Portolan', 'resolved-by-portolan'],
      ],
    );
    assertDetailsMatch(view);
  });
}

suite('SQLite', sqliteTestDatabase);
const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
if (url) suite('PostgreSQL', () => postgresTestDatabase(url));
// Failed rather than skipped: a run without PostgreSQL must not pass for one that tested it.
else test('PostgreSQL coded alert text: needs PORTOLAN_TEST_POSTGRES_URL', () => assert.fail());
