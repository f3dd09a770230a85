/**
 * The evaluator over a real SQLite store, with a fake of Portolan's own MetricsEngine interface (the
 * cluster tests use the real engine): pending then firing after `for`, resolved with its timeline,
 * source-missing instead of firing forever, an unavailable engine keeping what fires, silences and
 * inhibition by a cluster-offline alert.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { Caller } from '#server/iam/caller.ts';
import {
  type InstantSample,
  type MetricsEngine,
  MetricsEngineUnavailableError,
  type MetricsSource,
} from '#server/monitoring/contract.ts';
import { type AlertingDatabase, createSqlAlertingStore } from '#server/store/alerting/alerting-sql-store.ts';
import type { AlertingStore } from '#server/store/alerting/alerting-store.ts';
import { sqliteTestDatabase, type TestDatabase } from '#server/store/testing/database-fixtures.ts';
import { createAlerting } from './index.ts';
import type { ClusterFact } from './templates.ts';

let database: TestDatabase;
let store: AlertingStore;
let now: Date;
let clusters: ClusterFact[];
/** What the fake engine answers: metric names per cluster, samples per query, or a failure. */
let names: Record<string, string[]>;
let samples: (promql: string) => InstantSample[];
let down: boolean;
const queries: string[] = [];
const audited: Array<{ action: string; actor?: string | null; cluster?: string | null }> = [];

const source: MetricsSource = {
  kind: 'managed',
  async query(promql) {
    if (down) throw new MetricsEngineUnavailableError('Prometheus is restarting');
    queries.push(promql);
    return samples(promql);
  },
  async queryRange() {
    return [];
  },
  async metricNames(cluster) {
    if (down) throw new MetricsEngineUnavailableError('Prometheus is restarting');
    return new Set(names[cluster] ?? []);
  },
  async targets() {
    return [];
  },
};
const engine: MetricsEngine = {
  sourceFor: () => source,
  managed: () => source,
  status: async () => ({}) as Awaited<ReturnType<MetricsEngine['status']>>,
};

const CRASH_SOURCES = [
  'kube_pod_container_status_restarts_total',
  'kube_pod_container_status_waiting_reason',
];
const crashing = (cluster: string, pod: string): InstantSample => ({
  labels: { cluster, namespace: 'shop', pod, container: 'app' },
  value: 1,
  at: now.getTime(),
});
const fact = (name: string, status: ClusterFact['status'] = 'Ready'): ClusterFact => ({
  name,
  status,
  reason: status === 'Offline' ? 'connection refused' : null,
  credentials: [],
});

function alerting() {
  return createAlerting({
    store,
    clusters: async () => clusters,
    engine: () => engine,
    audit: {
      record: async (event) => {
        audited.push(event);
      },
    },
    clock: () => now,
    timer: { every: () => ({ cancel() {} }) },
    log: { warn() {} },
  });
}
const admin: Caller = {
  userId: 'u1',
  username: 'admin',
  groups: [],
  grants: [
    {
      role: 'Admin' as const,
      level: 'platform' as const,
      subject: { kind: 'user' as const, name: 'admin' },
      bindingId: 'b1',
    },
  ],
  credential: { kind: 'session' as const, sessionIdHash: 'x' },
};
const advance = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

before(async () => {
  database = await sqliteTestDatabase();
  store = createSqlAlertingStore(database.db.withTables<AlertingDatabase>());
});
after(() => database.destroy());
beforeEach(async () => {
  for (const rule of await store.rules()) await store.deleteRule(rule.name);
  // Each test starts with no alerts: those left firing are resolved long ago, then pruned.
  const left = await store.alerts();
  await store.saveAlerts(
    left.map((alert) => ({ ...alert, state: 'resolved' as const, endsAt: new Date(0) })),
    [],
  );
  await store.prune(new Date(8.64e15));
  now = new Date('2026-12-05T10:00:00Z');
  clusters = [fact('c1'), fact('c2')];
  names = { c1: CRASH_SOURCES, c2: CRASH_SOURCES };
  samples = (promql) => (promql.includes('"c1"') ? [crashing('c1', 'web-1')] : []);
  down = false;
  queries.length = 0;
  audited.length = 0;
});

test('a crash-looping pod is pending for the rule’s `for`, then fires; it resolves when the condition goes, and its timeline says so', async () => {
  const a = alerting();
  await a.service.putRule(admin, 'crash', { template: 'pod-crash-looping', level: 'warning', for: '1m' });
  await a.evaluate();
  assert.equal((await store.alerts()).length, 0, 'pending, not firing yet');
  advance(61);
  await a.evaluate();
  const [alert] = await store.alerts();
  assert.ok(alert);
  assert.equal(alert.state, 'firing');
  assert.deepEqual(alert.labels, { cluster: 'c1', namespace: 'shop', pod: 'web-1', container: 'app' });
  assert.equal(alert.summary, 'Pod shop/web-1 on c1 is crash-looping (app)');
  assert.ok(
    queries.some((q) => q.includes('reason="CrashLoopBackOff"') && q.includes('cluster="c1"')),
    queries[0],
  );
  samples = () => [];
  advance(30);
  await a.evaluate();
  assert.equal((await store.alerts()).length, 0);
  const view = await a.service.getAlert(admin, alert.id);
  assert.equal(view.state, 'resolved');
  assert.deepEqual(
    view.timeline?.map((event) => event.event),
    ['pending', 'firing', 'resolved'],
  );
  const rule = await a.service.getRule(admin, 'crash');
  assert.deepEqual(
    rule.clusters.map((c) => [c.cluster, c.state]),
    [
      ['c1', 'active'],
      ['c2', 'active'],
    ],
  );
});

test('a cluster without the rule’s source metrics says source-missing with the names, and fires nothing there', async () => {
  const a = alerting();
  names.c1 = ['kube_pod_container_status_restarts_total'];
  await a.service.putRule(admin, 'crash', { template: 'pod-crash-looping', level: 'warning', for: '0s' });
  await a.evaluate();
  assert.equal((await store.alerts()).length, 0);
  const rule = await a.service.getRule(admin, 'crash');
  const c1 = rule.clusters.find((c) => c.cluster === 'c1');
  assert.equal(c1?.state, 'source-missing');
  assert.deepEqual(c1?.missing, ['kube_pod_container_status_waiting_reason']);
  // Its reason as a code and values too, kept through the store, for the console to word (issue #10).
  assert.equal(c1?.reason, 'cluster c1 provides no kube_pod_container_status_waiting_reason');
  assert.equal(c1?.reasonCode, 'source-missing');
  assert.deepEqual(c1?.reasonParams, { cluster: 'c1', missing: 'kube_pod_container_status_waiting_reason' });
});

test('an unavailable engine keeps what fires (engine-unavailable), and the next good round decides again', async () => {
  const a = alerting();
  await a.service.putRule(admin, 'crash', { template: 'pod-crash-looping', level: 'warning', for: '0s' });
  await a.evaluate();
  assert.equal((await store.alerts()).length, 1);
  down = true;
  advance(30);
  await a.evaluate();
  assert.equal((await store.alerts()).length, 1, 'still firing while Prometheus restarts');
  const rule = await a.service.getRule(admin, 'crash');
  assert.deepEqual(
    rule.clusters.map((c) => c.state),
    ['engine-unavailable', 'engine-unavailable'],
  );
  // The engine's own words stay as its detail.
  assert.equal(rule.clusters[0]?.reasonCode, 'engine-unavailable');
  assert.equal(rule.clusters[0]?.reasonParams?.detail, rule.clusters[0]?.reason);
  down = false;
  samples = () => [];
  advance(30);
  await a.evaluate();
  assert.equal((await store.alerts()).length, 0);
});

test('a silence holds a firing alert back (silenced, with its timeline); expiring it brings the alert back', async () => {
  const a = alerting();
  await a.service.putRule(admin, 'crash', { template: 'pod-crash-looping', level: 'warning', for: '0s' });
  await a.evaluate();
  const silence = await a.service.createSilence(admin, {
    matchers: [
      { label: 'alertname', op: '=', value: 'crash' },
      { label: 'pod', op: '=~', value: 'web-.*' },
    ],
    endsAt: new Date(now.getTime() + 3_600_000).toISOString(),
    comment: 'known, fixing',
  });
  assert.equal(silence.silencing, 1);
  await a.evaluate();
  let [alert] = (await a.service.listAlerts(admin, {})).items;
  assert.equal(alert?.state, 'silenced');
  assert.equal(alert?.silencedBy, silence.id);
  advance(10);
  await a.service.expireSilence(admin, silence.id);
  await a.evaluate();
  [alert] = (await a.service.listAlerts(admin, {})).items;
  assert.equal(alert?.state, 'firing');
  const view = await a.service.getAlert(admin, alert?.id ?? '');
  assert.deepEqual(
    view.timeline?.map((event) => event.event),
    ['firing', 'silenced', 'unsilenced'],
  );
});

test('a firing cluster-offline alert inhibits its cluster’s other alerts, which keep their state until it answers', async () => {
  const a = alerting();
  await a.ensureBuiltIns();
  await a.service.putRule(admin, 'cluster-offline', {
    template: 'cluster-offline',
    level: 'critical',
    for: '0s',
  });
  await a.service.putRule(admin, 'crash', { template: 'pod-crash-looping', level: 'warning', for: '0s' });
  await a.evaluate();
  clusters = [fact('c1', 'Offline'), fact('c2')];
  samples = () => [];
  advance(30);
  await a.evaluate();
  const page = await a.service.listAlerts(admin, {});
  const offline = page.items.find((alert) => alert.rule === 'cluster-offline');
  const crash = page.items.find((alert) => alert.rule === 'crash');
  assert.equal(offline?.state, 'firing');
  assert.equal(offline?.description?.includes('connection refused'), true);
  assert.equal(crash?.state, 'inhibited', 'kept, not resolved, while its cluster cannot be asked');
  assert.equal(crash?.inhibitedBy, offline?.id);
  // Counts are of active alerts, held back ones included.
  assert.deepEqual(page.counts, { critical: 1, warning: 1, info: 0 });
  clusters = [fact('c1'), fact('c2')];
  advance(30);
  await a.evaluate();
  const back = await a.service.listAlerts(admin, { state: 'all' });
  assert.deepEqual(back.items.map((alert) => [alert.rule, alert.state]).sort(), [
    ['cluster-offline', 'resolved'],
    ['crash', 'resolved'],
  ]);
  await assert.rejects(a.service.deleteRule(admin, 'cluster-offline'), /may not be deleted/);
  // Every change of state is in the audit trail, by Portolan itself.
  assert.deepEqual(
    audited.map((event) => `${event.action} ${event.actor} ${event.cluster}`),
    [
      'alert.firing portolan c1',
      'alert.firing portolan c1',
      'alert.inhibited portolan c1',
      'alert.resolved portolan c1',
      'alert.resolved portolan c1',
    ],
  );
});

test('rules are checked: unknown template, bad parameter, custom PromQL needs a platform Admin', async () => {
  const a = alerting();
  await assert.rejects(
    a.service.putRule(admin, 'x', { template: 'nope', level: 'info' }),
    (error: Error & { field?: string }) => error.field === 'template',
  );
  await assert.rejects(
    a.service.putRule(admin, 'x', {
      template: 'cpu-over-threshold',
      level: 'info',
      params: { threshold: 90 },
    }),
    (error: Error & { field?: string }) =>
      error.field === 'params.threshold' && /0\.9 for 90%/.test(error.message),
  );
  await assert.rejects(
    a.service.putRule(admin, 'x', { template: 'node-not-ready', level: 'info', scope: { clusters: ['c9'] } }),
    (error: Error & { field?: string }) => error.field === 'scope.clusters[0]',
  );
  const editor = {
    ...admin,
    username: 'ed',
    grants: [{ ...admin.grants[0], role: 'Editor' as const }],
  } as typeof admin;
  await assert.rejects(
    a.service.putRule(editor, 'x', { promql: 'up == 0', level: 'info' }),
    /monitoring:admin/,
  );
  const { created } = await a.service.putRule(admin, 'x', { promql: 'up == 0', level: 'info' });
  assert.equal(created, true);
});
