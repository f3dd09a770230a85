/**
 * Alert rules benchmark (issue 14): the alert-evaluator's rounds over SQLite with many clusters and
 * rules, the metrics answered by a fake of Portolan's own MetricsEngine interface (so the figures are
 * the evaluator's own cost; Prometheus' is the metrics-query benchmark's):
 * - the first round: every rule on every cluster, all alerts firing at once (rows, timelines, audit);
 * - a quiet round (the same alerts still firing, nothing changed): what the job costs every 30 s;
 * - a silence over half the alerts: the round that marks them silenced;
 * - baseline, measured in the same run: the same queries and metric-name lookups alone, so the ratio
 *   is the evaluator's bookkeeping over the answers it must read anyway.
 *
 *   node bench/alert-rules.bench.ts [--clusters 50] [--rules 10] [--per 10]
 */
import { parseArgs } from 'node:util';
import { createAlerting } from '../apps/server/src/alerting/rules/index.ts';
import type { ClusterFact } from '../apps/server/src/alerting/rules/templates.ts';
import type { Caller } from '../apps/server/src/iam/caller.ts';
import type { InstantSample, MetricsEngine, MetricsSource } from '../apps/server/src/monitoring/contract.ts';
import {
  type AlertingDatabase,
  createSqlAlertingStore,
} from '../apps/server/src/store/alerting/alerting-sql-store.ts';
import { sqliteTestDatabase } from '../apps/server/src/store/testing/database-fixtures.ts';
import { createResults, percentile } from './report.ts';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '50' },
    rules: { type: 'string', default: '10' },
    per: { type: 'string', default: '10' },
  },
});
const CLUSTERS = Number(values.clusters);
const RULES = Number(values.rules);
const PER = Number(values.per);
const ALERTS = CLUSTERS * RULES * PER;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);

const NAMES = new Set([
  'kube_pod_container_status_restarts_total',
  'kube_pod_container_status_waiting_reason',
]);
/** PER crash-looping pods on the cluster the query names. */
function answer(promql: string): InstantSample[] {
  const cluster = /cluster="([^"]+)"/.exec(promql)?.[1] ?? '';
  return Array.from({ length: PER }, (_, i) => ({
    labels: { cluster, namespace: `ns-${i % 5}`, pod: `pod-${i}`, container: 'app' },
    value: 1,
    at: Date.now(),
  }));
}
const source: MetricsSource = {
  kind: 'managed',
  query: async (promql) => answer(promql),
  queryRange: async () => [],
  metricNames: async () => NAMES,
  targets: async () => [],
};
const engine: MetricsEngine = {
  sourceFor: () => source,
  managed: () => source,
  status: async () => ({}) as Awaited<ReturnType<MetricsEngine['status']>>,
};
const clusters: ClusterFact[] = Array.from({ length: CLUSTERS }, (_, i) => ({
  name: `c${i}`,
  status: 'Ready',
  reason: null,
  credentials: [],
}));
const admin: Caller = {
  userId: 'bench',
  username: 'bench',
  groups: [],
  grants: [{ role: 'Admin', level: 'platform', subject: { kind: 'user', name: 'bench' }, bindingId: 'b' }],
  credential: { kind: 'session', sessionIdHash: 'x' },
};

const database = await sqliteTestDatabase();
try {
  let audited = 0;
  const alerting = createAlerting({
    store: createSqlAlertingStore(database.db.withTables<AlertingDatabase>()),
    clusters: async () => clusters,
    engine: () => engine,
    audit: {
      record: async () => {
        audited++;
      },
    },
    clock: () => new Date(),
    timer: { every: () => ({ cancel() {} }) },
    log: { warn: (fields, message) => log(`${message} ${JSON.stringify(fields)}`) },
  });
  for (let r = 0; r < RULES; r++)
    await alerting.service.putRule(admin, `crash-${r}`, {
      template: 'pod-crash-looping',
      level: 'warning',
      for: '0s',
      labels: { team: `t${r}` },
    });
  log(`${CLUSTERS} clusters × ${RULES} rules × ${PER} pods = ${ALERTS} alerts`);

  const t0 = performance.now();
  const first = await alerting.evaluate();
  const firstMs = performance.now() - t0;
  results.row(
    `first round: ${RULES} rules on ${CLUSTERS} clusters, ${ALERTS} alerts fire`,
    `${first.changed} alerts written (with timelines and ${audited} audit records) in ${(firstMs / 1000).toFixed(2)} s`,
    `${ALERTS} alerts, well inside the 30 s interval`,
  );

  const quiet: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    const round = await alerting.evaluate();
    quiet.push(performance.now() - started);
    if (round.changed !== 0) throw new Error(`a quiet round changed ${round.changed} alerts`);
  }
  results.row(
    `quiet round (${ALERTS} firing, nothing changed), 10 rounds`,
    `p50 ${percentile(quiet, 50).toFixed(0)} ms, p99 ${percentile(quiet, 99).toFixed(0)} ms; 0 writes`,
    '< 1 s (a round runs every 30 s)',
  );

  await alerting.service.createSilence(admin, {
    matchers: [{ label: 'namespace', op: '=~', value: 'ns-[0-1]' }],
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    comment: 'bench',
  });
  const s0 = performance.now();
  const silenced = await alerting.evaluate();
  results.row(
    'a silence over the pods in 2 of 5 namespaces',
    `${silenced.changed} alerts marked silenced in ${(performance.now() - s0).toFixed(0)} ms`,
    `${(ALERTS * 2) / 5} alerts`,
  );

  // Baseline: the round's reads of the engine alone (each rule's query and metric names per cluster).
  const baseline: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await Promise.all(
      clusters.flatMap((cluster) =>
        Array.from({ length: RULES }, async (_, r) => {
          await source.metricNames(cluster.name);
          return source.query(`crash-${r} cluster="${cluster.name}"`);
        }),
      ),
    );
    baseline.push(performance.now() - started);
  }
  const base = percentile(baseline, 50);
  results.row(
    `baseline: the same ${CLUSTERS * RULES} queries and metric-name lookups alone`,
    `p50 ${base.toFixed(1)} ms; a quiet round took ${(percentile(quiet, 50) / Math.max(base, 0.1)).toFixed(0)}× that`,
  );
  await results.publish(
    'Alert rules',
    `node bench/alert-rules.bench.ts --clusters ${CLUSTERS} --rules ${RULES} --per ${PER}`,
  );
} finally {
  await database.destroy();
}
