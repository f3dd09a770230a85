import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { MetricsEngineStatus, MetricsSourceSettings } from '@portolan/api';
import { eventually, sharedSandboxes } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { closedPort } from '#server/testing/sandbox-clients.ts';
import { type RunningPrometheus, startPrometheus } from './prometheus-process.ts';
import { prometheusBinary } from './testing/prometheus-binary.ts';

// Two replicas on one PostgreSQL: one runs the engine, both query it, and it moves when its replica stops.
const { clusters } = sharedSandboxes();
const [sandbox] = clusters;
if (!sandbox) throw new Error('this test needs a shared sandbox');
const cluster = `lease-${process.pid}`;
const args = ['--lease-duration', '6', '--lease-renew-interval', '1'];
let first: Harness;
let second: Harness;
let external: RunningPrometheus;
let externalDir: string;

before(async () => {
  const prometheusBin = await prometheusBinary();
  const metricsEngine = { prometheusBin, scrapeIntervalSeconds: 2 };
  first = await startHarness({ store: 'postgres', args, metricsEngine });
  await first.register(cluster, sandbox.kubeconfig);
  await eventually('the first replica runs the engine', async () =>
    first.portolan.metricsEngine.local.running(),
  );
  second = await startHarness({ store: 'postgres', dataDir: first.dataDir, args, metricsEngine });
  // An existing Prometheus of the cluster's own (here scraping itself only, without a cluster label).
  externalDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-external-prometheus-'));
  const configFile = path.join(externalDir, 'prometheus.yml');
  await writeFile(
    configFile,
    JSON.stringify({
      global: { scrape_interval: '1s' },
      scrape_configs: [{ job_name: 'self', static_configs: [{ targets: ['placeholder'] }] }],
    }),
  );
  external = await startPrometheus({
    binary: prometheusBin,
    host: '127.0.0.1',
    configFile,
    dataDir: path.join(externalDir, 'data'),
    retention: '1h',
    retentionBytes: 64 * 1024 * 1024,
  });
  // Scrape itself: its own address is known only now.
  await writeFile(
    configFile,
    JSON.stringify({
      global: { scrape_interval: '1s' },
      scrape_configs: [{ job_name: 'self', static_configs: [{ targets: [new URL(external.url).host] }] }],
    }),
  );
  await fetch(`${external.url}/-/reload`, { method: 'POST' });
});

after(async () => {
  await second?.stop();
  await first?.stop({ removeData: true }).catch(() => undefined);
  await external?.stop();
  if (externalDir) await rm(externalDir, { recursive: true, force: true });
});

test('every replica queries the engine that the replica holding its lease runs', async () => {
  assert.equal(
    second.portolan.metricsEngine.local.running(),
    undefined,
    'the second replica runs no Prometheus',
  );
  const status = await second.call<MetricsEngineStatus>('GET', '/api/v1/monitoring/engine');
  assert.equal(status.body.available, true, status.body.reason);
  assert.equal(status.body.mode, 'managed');
  const samples = await eventually('object state through the second replica', async () => {
    const found = await second.portolan.metricsEngine
      .managed()
      .query(`portolan_cluster_up{cluster="${cluster}"}`);
    return found.length > 0 ? found : undefined;
  });
  assert.equal(samples[0]?.value, 1);
});

test('when the replica running the engine stops, another starts it and queries follow it there', async () => {
  const before = await first.portolan.store.monitoring.engine();
  await first.stop();
  const running = await eventually(
    'the second replica running the engine',
    async () => second.portolan.metricsEngine.local.running(),
    30_000,
  );
  const after = await second.portolan.store.monitoring.engine();
  assert.notEqual(after?.address, before?.address);
  assert.equal(after?.address, running.prometheus.url);
  await eventually(
    'answers from the moved engine',
    async () => {
      const found = await second.portolan.metricsEngine
        .managed()
        .query(`portolan_cluster_up{cluster="${cluster}"}`);
      return found.length > 0 ? found : undefined;
    },
    30_000,
  );
});

test('a cluster pointed at its own Prometheus is answered by it, named as registered, and no longer scraped', async () => {
  await eventually('the managed engine scraping the cluster', async () =>
    (await second.portolan.metricsEngine.managed().targets(cluster)).length > 0 ? true : undefined,
  );
  const refused = await second.call<{ error: { field: string; message: string } }>(
    'PUT',
    `/api/v1/monitoring/sources/${cluster}`,
    { kind: 'external', url: `http://127.0.0.1:${await closedPort()}` },
  );
  assert.equal(refused.status, 400);
  assert.equal(refused.body.error.field, 'url');
  assert.match(refused.body.error.message, /cannot be reached.*buildinfo/s);

  const saved = await second.call<MetricsSourceSettings>('PUT', `/api/v1/monitoring/sources/${cluster}`, {
    kind: 'external',
    url: external.url,
    bearerToken: 'not-for-readers',
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.deepEqual(saved.body, {
    kind: 'external',
    url: external.url,
    clusterLabel: 'cluster',
    hasToken: true,
    insecureSkipTlsVerify: false,
  });
  const read = await second.call<MetricsSourceSettings>('GET', `/api/v1/monitoring/sources/${cluster}`);
  assert.ok(!JSON.stringify(read.body).includes('not-for-readers'), 'the token is never returned');

  const source = second.portolan.metricsEngine.sourceFor(cluster);
  const up = await eventually('the external engine’s own series', async () => {
    const found = await source.query(`up{cluster="${cluster}",job="self"}`);
    return found.length > 0 ? found : undefined;
  });
  assert.equal(source.kind, 'external');
  assert.equal(up[0]?.labels.cluster, cluster, 'answers carry the registered name');
  assert.ok((await source.metricNames(cluster)).has('prometheus_build_info'));
  // The managed engine drops the cluster's targets at its next discovery.
  await eventually(
    'the managed engine no longer scraping it',
    async () =>
      (await second.portolan.metricsEngine.managed().targets(cluster)).length === 0 ? true : undefined,
    30_000,
  );
  const status = await second.call<MetricsEngineStatus>('GET', '/api/v1/monitoring/engine');
  assert.ok(
    status.body.targets.some((t) => t.cluster === cluster && t.source === 'external' && t.health === 'up'),
  );

  const back = await second.call<MetricsSourceSettings>('PUT', `/api/v1/monitoring/sources/${cluster}`, {
    kind: 'managed',
  });
  assert.deepEqual(back.body, { kind: 'managed' });
  const audit = await second.call<{
    items: Array<{ action: string; cluster: string | null; route: string }>;
  }>('GET', `/api/v1/audit?action=monitoring:admin`);
  assert.ok(
    audit.body.items?.some(
      (item) => item.cluster === cluster && item.route === '/api/v1/monitoring/sources/:cluster',
    ),
    'setting a source is in the audit trail, naming the cluster',
  );
});
