/**
 * Notifications benchmark (issue 14): the alert-notifier with many firing alerts, over SQLite, sending
 * to a local webhook sink on 127.0.0.1:
 * - the first round: grouping every alert per policy and sending one message per group (wall time,
 *   and time from the round's start until the sink holds every message);
 * - a quiet round (everything sent, nothing due): what the job costs on every tick while alerts fire;
 * - baseline, measured in the same run: the same number of messages POSTed straight to the sink with
 *   fetch, as many at a time, so the ratio is the notifier's own cost over the HTTP it must do anyway.
 *
 *   node bench/notifications.bench.ts [--alerts 5000] [--clusters 50] [--rules 10]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createNotifications } from '../apps/server/src/alerting/notify/index.ts';
import { startWebhookSink } from '../apps/server/src/alerting/notify/testing/sinks.ts';
import { createTestFeed } from '../apps/server/src/alerting/notify/testing/test-feed.ts';
import { createCredentialCipher, toEncryptionKey } from '../apps/server/src/clusters/credential-cipher.ts';
import {
  createSqlNotificationStore,
  type NotificationDatabase,
} from '../apps/server/src/store/notifications/notification-sql-store.ts';
import { sqliteTestDatabase } from '../apps/server/src/store/testing/database-fixtures.ts';
import { createResults, percentile } from './report.ts';

const { values } = parseArgs({
  options: {
    alerts: { type: 'string', default: '5000' },
    clusters: { type: 'string', default: '50' },
    rules: { type: 'string', default: '10' },
  },
});
const ALERTS = Number(values.alerts);
const CLUSTERS = Number(values.clusters);
const RULES = Number(values.rules);
const GROUPS = CLUSTERS * RULES;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);

const sink = await startWebhookSink();
const database = await sqliteTestDatabase();
try {
  const feed = createTestFeed(() => new Date());
  const notifications = createNotifications({
    store: createSqlNotificationStore(database.db.withTables<NotificationDatabase>()),
    cipher: createCredentialCipher([toEncryptionKey(randomBytes(32))]),
    feed,
    clock: () => new Date(),
    consoleUrl: () => 'https://portolan.example',
    log: { warn: (fields, message) => log(`${message} ${JSON.stringify(fields)}`) },
  });
  await notifications.receivers.put('sink', { type: 'webhook', url: `${sink.url}/alerts` }, 'bench');
  await notifications.policies.put(
    'all',
    { receivers: ['sink'], groupWait: '0s', repeatInterval: '4h' },
    'bench',
  );
  for (let i = 0; i < ALERTS; i++) {
    const cluster = `c${i % CLUSTERS}`;
    const rule = `Rule${Math.floor(i / CLUSTERS) % RULES}`;
    feed.fire({
      id: `alert-${i}`,
      rule,
      level: 'warning',
      labels: { cluster, namespace: `ns-${i % 7}`, pod: `pod-${i}` },
      summary: `Pod ns-${i % 7}/pod-${i} on ${cluster} is unwell`,
    });
  }
  log(`${ALERTS} alerts in ${GROUPS} groups`);

  const arrivals: number[] = [];
  const started = performance.now();
  const watcher = setInterval(() => {
    while (arrivals.length < sink.received.length) arrivals.push(performance.now() - started);
  }, 1);
  await notifications.round();
  const firstRound = performance.now() - started;
  clearInterval(watcher);
  while (arrivals.length < sink.received.length) arrivals.push(firstRound);
  const messages = sink.received.length;
  const alertsSent = sink.received.reduce((sum, r) => sum + (r.body.alerts as unknown[]).length, 0);
  results.row(
    `first round: ${ALERTS} alerts → ${GROUPS} groups`,
    `${messages} messages carrying ${alertsSent} alerts in ${(firstRound / 1000).toFixed(2)} s`,
    `${GROUPS} messages, ${ALERTS} alerts`,
  );
  results.row(
    'time from the round’s start to each message at the sink',
    `p50 ${percentile(arrivals, 50).toFixed(0)} ms, p99 ${percentile(arrivals, 99).toFixed(0)} ms`,
  );

  const quiet: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await notifications.round();
    quiet.push(performance.now() - t0);
  }
  results.row(
    `quiet round (${ALERTS} firing, nothing due), 10 rounds`,
    `p50 ${percentile(quiet, 50).toFixed(0)} ms, p99 ${percentile(quiet, 99).toFixed(0)} ms; ${sink.received.length - messages} messages sent`,
    '< 1 s (a round runs every 5 s), 0 messages',
  );

  // Baseline: the same messages straight to the sink, all at once as the notifier starts them.
  const bodies = sink.received.slice(0, messages).map((r) => JSON.stringify(r.body));
  const t0 = performance.now();
  await Promise.all(
    bodies.map((body) =>
      fetch(`${sink.url}/baseline`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    ),
  );
  const baseline = performance.now() - t0;
  results.row(
    `baseline: ${messages} POSTs of the same bodies with fetch`,
    `${(baseline / 1000).toFixed(2)} s; the first round took ${(firstRound / baseline).toFixed(2)}× that`,
  );
  const log2 = await notifications.deliveries({ limit: 500 });
  results.row(
    'deliveries logged (newest page)',
    `${log2.items.length}${log2.next ? '+' : ''}, all ok: ${log2.items.every((d) => d.ok)}`,
  );
  await results.publish(
    'Notifications',
    `node bench/notifications.bench.ts --alerts ${ALERTS} --clusters ${CLUSTERS} --rules ${RULES}`,
  );
} finally {
  await database.destroy();
  await sink.close();
}
