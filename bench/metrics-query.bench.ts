/**
 * Chart query benchmark (issue 14): how long a chart waits for its series through Portolan's HTTP
 * API (POST /api/v1/monitoring/series: permission check, catalogue PromQL, the managed engine),
 * at each level over 1h and 24h, against the same PromQL sent straight to the same Prometheus.
 *
 * Set-up: a day of history for a few clusters (nodes, pods, containers, their state series, one
 * sample a minute) is written as OpenMetrics and turned into TSDB blocks by promtool, in the data
 * folder of a Portolan server whose managed engine (Debian's Prometheus) then opens them. The
 * clusters are registered through a fake client (no sandbox: what is measured is the query path).
 *
 *   node bench/metrics-query.bench.ts [--clusters 3] [--pods 50] [--queries 60]
 */
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { access, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { prometheusBinary } from '../apps/server/src/monitoring/catalogue/testing/fixture-prometheus.ts';
import { createFakeKubeClient } from '../apps/server/src/testing/fake-kube-client.ts';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { createResults, percentile } from './report.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '3' },
    pods: { type: 'string', default: '50' },
    queries: { type: 'string', default: '60' },
  },
});
const CLUSTERS = Number(values.clusters);
const PODS = Number(values.pods);
const QUERIES = Number(values.queries);
const NODES = 3;
const PODS_PER_NAMESPACE = 5;
const HISTORY_SECONDS = 86_400;
const SAMPLE_EVERY = 60;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);

/** promtool from Debian's prometheus package (the cached engine binary has only prometheus). */
async function promtool(work: string): Promise<string> {
  const beside = path.join(path.dirname(await prometheusBinary()), 'promtool');
  if (
    await access(beside).then(
      () => true,
      () => false,
    )
  )
    return beside;
  const folder = path.join(work, 'deb');
  await mkdir(folder, { recursive: true });
  await run('apt-get', ['download', '-qq', 'prometheus'], { cwd: folder });
  const deb = (await readdir(folder)).find((file) => file.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download prometheus fetched no package');
  await run('dpkg-deb', ['-x', path.join(folder, deb), path.join(folder, 'root')]);
  return path.join(folder, 'root/usr/bin/promtool');
}

const labels = (pairs: Record<string, string>) =>
  `{${Object.entries(pairs)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',')}}`;

/** A day of series, one sample a minute, as OpenMetrics text (one series after another). */
async function writeHistory(file: string, end: number): Promise<number> {
  const out = createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  let series = 0;
  const start = end - HISTORY_SECONDS;
  /** value(t) per sample time t (seconds since the start of the history). */
  async function one(
    name: string,
    pairs: Record<string, string>,
    value: (t: number) => number,
  ): Promise<void> {
    series++;
    const head = `${name}${labels(pairs)} `;
    let chunk = '';
    for (let t = 0; t <= HISTORY_SECONDS; t += SAMPLE_EVERY) {
      chunk += `${head}${value(t)} ${start + t}\n`;
      if (chunk.length > 1 << 16) {
        await write(chunk);
        chunk = '';
      }
    }
    await write(chunk);
  }
  for (let c = 0; c < CLUSTERS; c++) {
    const cluster = `bench-${c}`;
    for (let n = 0; n < NODES; n++) {
      const node = `${cluster}-node-${n}`;
      const base = { cluster, job: 'kubelet', node };
      await one('node_cpu_usage_seconds_total', base, (t) => 1.2 * t);
      await one('node_memory_working_set_bytes', base, (t) => 3e9 + (t % 600) * 1e5);
      for (const [resource, amount] of [
        ['cpu', 8],
        ['memory', 32e9],
      ] as const)
        await one(
          'kube_node_status_allocatable',
          { cluster, job: 'portolan-state', node, resource },
          () => amount,
        );
    }
    for (let p = 0; p < PODS; p++) {
      const namespace = `ns-${Math.floor(p / PODS_PER_NAMESPACE)}`;
      const pod = `web-${Math.floor(p / PODS_PER_NAMESPACE)}-${p}`;
      const node = `${cluster}-node-${p % NODES}`;
      const kubelet = { cluster, job: 'kubelet', node, namespace, pod };
      const state = { cluster, job: 'portolan-state', namespace, pod };
      const cores = 0.05 + (p % 7) * 0.03;
      await one('pod_cpu_usage_seconds_total', kubelet, (t) => cores * t);
      await one('pod_memory_working_set_bytes', kubelet, () => 2e8 + p * 1e6);
      await one('container_cpu_usage_seconds_total', { ...kubelet, container: 'app' }, (t) => cores * t);
      await one('container_memory_working_set_bytes', { ...kubelet, container: 'app' }, () => 2e8 + p * 1e6);
      await one('kube_pod_info', { ...state, node }, () => 1);
      for (const phase of ['Pending', 'Running'])
        await one('kube_pod_status_phase', { ...state, phase }, () => (phase === 'Running' ? 1 : 0));
      for (const [resource, amount] of [
        ['cpu', 0.25],
        ['memory', 5e8],
      ] as const)
        await one(
          'kube_pod_container_resource_requests',
          { ...state, container: 'app', node, resource },
          () => amount,
        );
      await one('kube_pod_container_status_restarts_total', { ...state, container: 'app' }, (t) =>
        Math.floor(t / 21_600),
      );
      await one(
        'portolan_pod_workload',
        { ...state, workload_kind: 'Deployment', workload: namespace.replace('ns', 'web') },
        () => 1,
      );
    }
  }
  await write('# EOF\n');
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return series;
}

/** Enough of a member cluster for registration; the engine's scrapes of it fail, which is fine here. */
const fakeCluster = () =>
  createFakeKubeClient({
    answer: (request) => {
      if (request.path === '/version')
        return { status: 200, body: { gitVersion: 'v1.31.0', major: '1', minor: '31' } };
      if (request.path === '/readyz') return { status: 200, body: 'ok' };
      if (request.path === '/api/v1/nodes')
        return { status: 200, body: { kind: 'NodeList', metadata: {}, items: [] } };
      if (request.path.endsWith('/selfsubjectaccessreviews'))
        return { status: 201, body: { status: { allowed: true } } };
      return undefined;
    },
  });

const work = await mkdtemp(path.join(os.tmpdir(), 'portolan-bench-metrics-'));
const end = Math.floor(Date.now() / 1000) - 120;
let stopHarness: (() => Promise<void>) | undefined;
try {
  const tool = await promtool(work);
  const history = path.join(work, 'history.om');
  let started = Date.now();
  const series = await writeHistory(history, end);
  log(
    `${series} series × ${HISTORY_SECONDS / SAMPLE_EVERY + 1} samples written in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const dataDir = path.join(work, 'server');
  started = Date.now();
  // Blocks of up to 24 h: fewer, larger blocks, as Prometheus' own compaction would leave them.
  await run(
    tool,
    [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--max-block-duration=24h',
      history,
      path.join(dataDir, 'metrics', 'data'),
    ],
    {
      maxBuffer: 1 << 26,
    },
  );
  await rm(history);
  log(`promtool made the blocks in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const harness = await startHarness({
    dataDir,
    args: ['--log-level', 'warn', '--probe-interval', '3600'],
    createClient: () => fakeCluster(),
    metricsEngine: { prometheusBin: await prometheusBinary(), scrapeIntervalSeconds: SAMPLE_EVERY },
  });
  stopHarness = () => harness.stop({ removeData: true });
  const kubeconfig = path.join(work, 'fake.kubeconfig');
  await writeFile(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{ name: fake, cluster: { server: "https://127.0.0.1:1" } }]',
      'users: [{ name: fake, user: { token: fake-token } }]',
      'contexts: [{ name: fake, context: { cluster: fake, user: fake } }]',
      'current-context: fake',
      '',
    ].join('\n'),
  );
  for (let c = 0; c < CLUSTERS; c++) await harness.register(`bench-${c}`, kubeconfig);
  const prometheusUrl = await (async () => {
    for (let waited = 0; waited < 120_000; waited += 500) {
      const url = harness.portolan.metricsEngine.local.running()?.prometheus.url;
      if (
        url &&
        (await fetch(`${url}/-/ready`).then(
          (r) => r.ok,
          () => false,
        ))
      )
        return url;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(
      `the managed engine did not start: ${harness.portolan.metricsEngine.local.problem() ?? 'no reason given'}`,
    );
  })();

  // The pod in the middle of the list, its namespace and workload (named as writeHistory names them).
  const middle = Math.floor(PODS / 2);
  const group = Math.floor(middle / PODS_PER_NAMESPACE);
  const [namespace, pod] = [`ns-${group}`, `web-${group}-${middle}`];
  const objects = {
    cluster: { level: 'cluster' },
    node: { level: 'node', name: 'bench-1-node-1' },
    namespace: { level: 'namespace', namespace },
    workload: { level: 'workload', namespace, name: `web-${group}`, workloadKind: 'Deployment' },
    pod: { level: 'pod', namespace, name: pod },
    container: { level: 'container', namespace, pod, name: 'app' },
  } as const;
  // What a chart asks for at once: usage, requests and utilisation.
  const metrics = ['cpu_usage', 'memory_usage', 'cpu_utilisation'];
  const ask = (body: object) =>
    fetch(`${harness.url}/api/v1/monitoring/series`, {
      method: 'POST',
      headers: { ...harness.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (response) => {
      const answer = (await response.json()) as {
        start: string;
        end: string;
        stepSeconds: number;
        series: Array<{ points: unknown[] }>;
        promql: Record<string, string>;
        empty: unknown[];
      };
      if (response.status !== 200)
        throw new Error(`series answered ${response.status}: ${JSON.stringify(answer)}`);
      return answer;
    });
  const direct = (promql: string, start: string, end: string, step: number) =>
    fetch(`${prometheusUrl}/api/v1/query_range`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: promql, start, end, step: String(step) }),
    }).then(async (response) => {
      const body = (await response.json()) as { status: string; error?: string };
      if (body.status !== 'success') throw new Error(`Prometheus: ${body.error}`);
    });

  for (const range of ['1h', '24h'] as const) {
    for (const [level, object] of Object.entries(objects)) {
      const body = { cluster: 'bench-1', metrics, range, ...object };
      const first = await ask(body);
      if (first.series.length === 0)
        throw new Error(`${level} ${range} answered no series: ${JSON.stringify(first.empty)}`);
      const points = first.series.reduce((sum, one) => sum + one.points.length, 0);
      const through: number[] = [];
      const straight: number[] = [];
      for (let i = 0; i < QUERIES; i++) {
        const viaPortolan = async () => {
          const at = performance.now();
          const answer = await ask(body);
          through.push(performance.now() - at);
          return answer;
        };
        // The same PromQL over the same range and step, in parallel as the route sends it.
        const viaPrometheus = async () => {
          const at = performance.now();
          await Promise.all(
            Object.values(first.promql).map((promql) =>
              direct(promql, first.start, first.end, first.stepSeconds),
            ),
          );
          straight.push(performance.now() - at);
        };
        // Turn about, so neither side always finds the other's work in Prometheus' caches.
        if (i % 2 === 0) await viaPortolan().then(viaPrometheus);
        else await viaPrometheus().then(viaPortolan);
      }
      const p99 = percentile(through, 99);
      const base = percentile(straight, 99);
      results.row(
        `${level}, ${range} (${first.series.length} series, ${points} points)`,
        `p50 ${percentile(through, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; Prometheus alone p99 ${base.toFixed(1)} ms (${(p99 / base).toFixed(2)}×)`,
        'p99 < 100 ms',
      );
    }
  }
  // Two cores shared with whatever else runs: the load says how far the p99s are the machine's.
  results.row('load average (1 min) at the end', os.loadavg()[0]?.toFixed(1) ?? 'unknown');
  results.row(
    'set-up',
    `${CLUSTERS} clusters × ${NODES} nodes × ${PODS} pods, ${series} series, one sample a minute for 24 h (${((series * HISTORY_SECONDS) / SAMPLE_EVERY / 1e6).toFixed(1)} M samples); ${QUERIES} charts of ${metrics.length} metrics per row`,
  );
  await results.publish(
    'Chart queries (metrics)',
    `node bench/metrics-query.bench.ts --clusters ${CLUSTERS} --pods ${PODS} --queries ${QUERIES}`,
    'level, range',
  );
} finally {
  await stopHarness?.().catch(() => undefined);
  await rm(work, { recursive: true, force: true });
}
