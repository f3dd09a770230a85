/**
 * Metrics engine benchmark (issue 14): the managed Prometheus (Debian's package) scraping several
 * sandboxes of many pods through Portolan's scrape proxy, at the production scrape interval.
 * - the engine's resident memory (target < 1 GiB) and peak, against the same engine idle before any
 *   cluster was registered (the baseline, measured in the same run), and its CPU seconds per minute;
 * - the state exporter's scrape duration: p50/p99 of Prometheus' own scrape_duration_seconds of the
 *   portolan-state targets over the run, and of direct scrapes of the proxy;
 * - head series and the samples of each scrape.
 *
 *   node bench/metrics-engine.bench.ts [--sandboxes 5] [--pods 2000] [--nodes 10] [--minutes 3] [--interval 30]
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createSandboxManager,
  findSandboxBinaries,
  residentBytes,
  type SandboxInfo,
} from '@portolan/sandbox';
import { eventually, kubectlOk } from '@portolan/sandbox/testing';
import { prometheusBinary } from '../apps/server/src/monitoring/engine/testing/prometheus-binary.ts';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { createResults, mib, percentile } from './report.ts';

const { values } = parseArgs({
  options: {
    sandboxes: { type: 'string', default: '5' },
    pods: { type: 'string', default: '2000' },
    nodes: { type: 'string', default: '10' },
    minutes: { type: 'string', default: '3' },
    interval: { type: 'string', default: '30' },
  },
});
const SANDBOXES = Number(values.sandboxes);
const PODS = Number(values.pods);
const NODES = Number(values.nodes);
const MINUTES = Number(values.minutes);
const INTERVAL = Number(values.interval);
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);
const row = results.row;

/** user + system CPU seconds of a process so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of stat; after "pid (comm) " they are the 12th and 13th.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const peakBytes = (pid: number) => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] ? Number(match[1]) * 1024 : 0;
};

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-metrics-bench-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
let harness: Awaited<ReturnType<typeof startHarness>> | undefined;

try {
  const infos: SandboxInfo[] = [];
  const made = Date.now();
  for (let i = 0; i < SANDBOXES; i++) {
    // Room for every pod: a kwok node takes 110 pods unless told otherwise.
    const nodePods = Math.max(110, Math.ceil((PODS / NODES) * 1.25));
    const info = (await sandboxes.create({ name: `metrics-${i}`, nodes: NODES, nodePods })).sandbox;
    infos.push(info);
    // Small requests so that every pod fits on the sandbox's nodes; kwok runs them at once.
    await kubectlOk(binDir, info.kubeconfigPath, ['create', 'namespace', 'bench']);
    await kubectlOk(binDir, info.kubeconfigPath, ['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'load', namespace: 'bench' },
        spec: {
          replicas: PODS,
          selector: { matchLabels: { app: 'load' } },
          template: {
            metadata: { labels: { app: 'load' } },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'registry.example/load:1',
                  resources: { requests: { cpu: '1m', memory: '1Mi' } },
                },
              ],
            },
          },
        },
      }),
    });
  }
  for (const info of infos)
    await eventually(
      `${PODS} running pods in ${info.name}`,
      async () => {
        const text = await kubectlOk(binDir, info.kubeconfigPath, [
          'get',
          'deployment',
          'load',
          '-n',
          'bench',
          '-o',
          'jsonpath={.status.availableReplicas}',
        ]);
        return Number(text) >= PODS ? true : undefined;
      },
      30 * 60_000,
      5000,
    );
  log(
    `${SANDBOXES} sandboxes × ${PODS} pods on ${NODES} nodes ready in ${((Date.now() - made) / 1000).toFixed(0)} s`,
  );

  harness = await startHarness({
    metricsEngine: { prometheusBin: await prometheusBinary(), scrapeIntervalSeconds: INTERVAL },
  });
  const engine = harness.portolan.metricsEngine;
  const running = await eventually('the engine', async () => engine.local.running(), 60_000);
  const pid = running.prometheus.pid;
  // Baseline: the same engine before any cluster is registered, after a scrape interval.
  await new Promise((resolve) => setTimeout(resolve, INTERVAL * 1000));
  const idle = residentBytes(pid);

  for (const info of infos) await harness.register(info.name, info.kubeconfigPath);
  for (const info of infos)
    await eventually(
      `every pod of ${info.name} in the engine`,
      async () => {
        const found = await engine
          .managed()
          .query(`count(kube_pod_info{cluster="${info.name}",namespace="bench"})`);
        return (found[0]?.value ?? 0) >= PODS ? true : undefined;
      },
      10 * 60_000,
      5000,
    );
  log('every cluster is scraped; measuring');

  const started = Date.now();
  const cpuBefore = cpuSeconds(pid);
  const rss: number[] = [];
  const until = started + MINUTES * 60_000;
  while (Date.now() < until) {
    rss.push(residentBytes(pid));
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  const minutes = (Date.now() - started) / 60_000;
  const cpuPerMinute = (cpuSeconds(pid) - cpuBefore) / minutes;

  // Prometheus' own view of the state scrapes over the run.
  const durations = (
    await engine
      .managed()
      .queryRange('scrape_duration_seconds{job="portolan-state"}', new Date(started), new Date(), INTERVAL)
  ).flatMap((series) => series.points.map(([, value]) => value * 1000));
  const samples = await engine.managed().query('scrape_samples_scraped{job="portolan-state"}');
  // Direct scrapes of the proxy, one cluster after another.
  const proxy = running.proxy;
  const direct: number[] = [];
  for (let round = 0; round < 10; round++)
    for (const info of infos) {
      const begun = performance.now();
      const response = await fetch(`http://${proxy.address}/scrape/${info.name}/state`, {
        headers: { authorization: `Bearer ${proxy.token}` },
      });
      await response.text();
      direct.push(performance.now() - begun);
    }
  const status = await engine.status();
  const down = status.targets.filter((target) => target.health !== 'up');

  const peak = Math.max(...rss);
  row(
    `engine resident memory, ${SANDBOXES} clusters × ${PODS} pods (max of ${rss.length} readings)`,
    mib(peak),
    '< 1 GiB',
  );
  row(
    'engine resident memory idle, no cluster (baseline)',
    `${mib(idle)}; loaded ${(peak / idle).toFixed(1)}× idle`,
  );
  row('engine peak resident memory (VmHWM)', mib(peakBytes(pid)));
  row(`engine CPU, scraping every ${INTERVAL} s`, `${cpuPerMinute.toFixed(2)} CPU s/min`);
  row('head series', String(status.series ?? 'unknown'));
  row(
    'samples per state scrape',
    samples.map((sample) => `${sample.labels.cluster}: ${sample.value}`).join(', '),
  );
  row(
    `state exporter scrape, as Prometheus timed it (${durations.length} scrapes)`,
    `p50 ${percentile(durations, 50).toFixed(0)} ms, p99 ${percentile(durations, 99).toFixed(0)} ms`,
  );
  row(
    `state exporter scrape, direct (${direct.length} scrapes)`,
    `p50 ${percentile(direct, 50).toFixed(0)} ms, p99 ${percentile(direct, 99).toFixed(0)} ms`,
  );
  // Per job: how many targets are not up, and the first one's error.
  const jobs = [...new Set(down.map((target) => target.job))];
  row(
    'targets not up',
    down.length === 0
      ? `none of ${status.targets.length}`
      : jobs
          .map((job) => {
            const failing = down.filter((target) => target.job === job);
            return `${failing.length} ${job} (${failing[0]?.lastError})`;
          })
          .join('; '),
  );
  await results.publish(
    'metrics engine',
    `node bench/metrics-engine.bench.ts --sandboxes ${SANDBOXES} --pods ${PODS} --nodes ${NODES} --minutes ${MINUTES} --interval ${INTERVAL}`,
  );
} finally {
  await harness?.stop({ removeData: true }).catch(() => undefined);
  for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
