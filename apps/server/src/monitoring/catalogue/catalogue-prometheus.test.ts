/**
 * The catalogue's PromQL run by a real Prometheus over series laid out as the metrics engine lays
 * them out, with hostile names (quotes, `"}`, backslashes, newlines) in namespaces, pods, containers
 * and workloads: each metric at each level answers the figures of its object only, never of a
 * namespace or cluster with the same names, and every expression parses.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MetricLevel } from '@portolan/api';
import { CATALOGUE, type MetricTarget, metricNamed } from './catalogue.ts';
import { type FixturePrometheus, sample, startFixturePrometheus } from './testing/fixture-prometheus.ts';

const NS = 'ns"}a\\b';
const OTHER = 'other';
const P1 = 'pod\n1';
const P2 = 'pod-2", namespace=~".*';
const CONTAINER = 'c"}';
const WORKLOAD = 'w"} or up{';
const NODES = ['n1', 'n"2'] as const;

/** Per cluster: c2 holds the same names with ten times the figures, so a leak shows. */
function series(cluster: string, scale: number, seconds: number): string[] {
  const lines: string[] = [];
  const counter = (name: string, labels: Record<string, string>, perSecond: number) =>
    lines.push(sample(name, { cluster, ...labels }, perSecond * scale * seconds));
  const gauge = (name: string, labels: Record<string, string>, value: number) =>
    lines.push(sample(name, { cluster, ...labels }, value * scale));
  counter('node_cpu_usage_seconds_total', { node: NODES[0] }, 1.5);
  counter('node_cpu_usage_seconds_total', { node: NODES[1] }, 0.5);
  gauge('node_memory_working_set_bytes', { node: NODES[0] }, 1e9);
  gauge('node_memory_working_set_bytes', { node: NODES[1] }, 2e9);
  const pods = [
    { namespace: NS, pod: P1, node: NODES[0], cpu: 0.25, memory: 1e8, phase: 'Running' },
    { namespace: NS, pod: P2, node: NODES[1], cpu: 0.5, memory: 2e8, phase: 'Running' },
    // Same pod name and workload name in another namespace, on the same node, far busier.
    { namespace: OTHER, pod: P1, node: NODES[0], cpu: 4, memory: 4e9, phase: 'Running' },
    // Finished: holds no requests any more.
    { namespace: NS, pod: 'done', node: NODES[0], cpu: 0, memory: 0, phase: 'Succeeded' },
  ];
  for (const pod of pods) {
    const id = { namespace: pod.namespace, pod: pod.pod };
    counter('pod_cpu_usage_seconds_total', { ...id, node: pod.node }, pod.cpu);
    gauge('pod_memory_working_set_bytes', { ...id, node: pod.node }, pod.memory);
    counter('container_cpu_usage_seconds_total', { ...id, container: CONTAINER, node: pod.node }, pod.cpu);
    gauge('container_memory_working_set_bytes', { ...id, container: CONTAINER, node: pod.node }, pod.memory);
    gauge('kube_pod_info', { ...id, node: pod.node }, 1 / scale);
    for (const phase of ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'])
      gauge('kube_pod_status_phase', { ...id, phase }, phase === pod.phase ? 1 / scale : 0);
    const container = { ...id, container: CONTAINER, node: pod.node };
    gauge('kube_pod_container_resource_requests', { ...container, resource: 'cpu', unit: 'core' }, 0.5);
    gauge('kube_pod_container_resource_requests', { ...container, resource: 'memory', unit: 'byte' }, 4e8);
    gauge('kube_pod_container_resource_limits', { ...container, resource: 'cpu', unit: 'core' }, 1);
    gauge('kube_pod_container_resource_limits', { ...container, resource: 'memory', unit: 'byte' }, 8e8);
    gauge('kube_pod_container_status_restarts_total', { ...id, container: CONTAINER }, 3);
    gauge('portolan_pod_workload', { ...id, workload_kind: 'Deployment', workload: WORKLOAD }, 1 / scale);
  }
  for (const node of NODES) {
    gauge('kube_node_status_allocatable', { node, resource: 'cpu', unit: 'core' }, 4);
    gauge('kube_node_status_allocatable', { node, resource: 'memory', unit: 'byte' }, 8e9);
  }
  const api = { job: 'apiserver' };
  counter('apiserver_request_total', { ...api, verb: 'GET', code: '200' }, 10);
  counter('apiserver_request_total', { ...api, verb: 'GET', code: '500' }, 1);
  for (const le of ['0.05', '0.1', '+Inf'])
    counter('apiserver_request_duration_seconds_bucket', { ...api, verb: 'GET', le }, le === '0.05' ? 0 : 11);
  gauge('apiserver_storage_size_bytes', { ...api, storage_cluster_id: 'x' }, 5e6);
  return lines;
}

let prometheus: FixturePrometheus;
const started = Date.now();
before(async () => {
  prometheus = await startFixturePrometheus(() => {
    const seconds = (Date.now() - started) / 1000;
    return `${[...series('c1', 1, seconds), ...series('c2', 10, seconds)].join('\n')}\n`;
  });
  // Rates over 4 s need a few scrapes (Prometheus' first comes about 5 s after it starts).
  for (let waited = 0; waited < 30_000; waited += 500) {
    const scrapes = await prometheus.query('count_over_time(apiserver_storage_size_bytes{cluster="c1"}[6s])');
    if (Number(scrapes[0]?.value[1] ?? 0) >= 5) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});
after(async () => {
  await prometheus?.stop();
});

const windows = { rate: 4, step: 5, scrapeInterval: 1 };
const targets: Record<MetricLevel, MetricTarget> = {
  cluster: { cluster: 'c1' },
  node: { cluster: 'c1', node: NODES[0] },
  namespace: { cluster: 'c1', namespace: NS },
  workload: { cluster: 'c1', namespace: NS, workload: { name: WORKLOAD, kind: 'Deployment' } },
  pod: { cluster: 'c1', namespace: NS, pod: P1 },
  container: { cluster: 'c1', namespace: NS, pod: P1, container: CONTAINER },
};

async function answerOf(
  metric: string,
  level: MetricLevel,
): Promise<number | Record<string, number> | undefined> {
  const make = metricNamed(metric)?.levels[level];
  assert.ok(make, `${metric} at ${level}`);
  const result = await prometheus.query(make(targets[level], windows).promql);
  if (result.length === 0) return undefined;
  if (result.length === 1 && Object.keys(result[0]?.metric ?? {}).length === 0)
    return Number(result[0]?.value[1]);
  return Object.fromEntries(result.map((one) => [JSON.stringify(one.metric), Number(one.value[1])]));
}

const close = (actual: unknown, expected: number, where: string) => {
  assert.equal(typeof actual, 'number', `${where}: ${JSON.stringify(actual)}`);
  const tolerance = Math.max(Math.abs(expected) * 0.08, 1e-9);
  assert.ok(
    Math.abs((actual as number) - expected) <= tolerance,
    `${where}: ${actual} is not about ${expected}`,
  );
};

test('every metric at every level parses and runs, hostile names and all', async () => {
  for (const metric of CATALOGUE)
    for (const [level, make] of Object.entries(metric.levels))
      await prometheus.query(make(targets[level as MetricLevel], windows).promql);
});

test('each level answers its own object: usage, requests, limits and utilisation', async () => {
  const expected: Array<[string, MetricLevel, number]> = [
    ['cpu_usage', 'cluster', 2],
    ['cpu_usage', 'node', 1.5],
    ['cpu_usage', 'namespace', 0.75],
    ['cpu_usage', 'workload', 0.75],
    ['cpu_usage', 'pod', 0.25],
    ['cpu_usage', 'container', 0.25],
    ['memory_usage', 'cluster', 3e9],
    ['memory_usage', 'node', 1e9],
    ['memory_usage', 'namespace', 3e8],
    ['memory_usage', 'workload', 3e8],
    ['memory_usage', 'pod', 1e8],
    ['memory_usage', 'container', 1e8],
    // Requests of Pending and Running pods only: the Succeeded one holds none.
    ['cpu_requests', 'cluster', 1.5],
    ['cpu_requests', 'node', 1],
    ['cpu_requests', 'namespace', 1],
    ['cpu_requests', 'workload', 1],
    ['cpu_requests', 'pod', 0.5],
    ['cpu_requests', 'container', 0.5],
    ['memory_limits', 'namespace', 1.6e9],
    ['cpu_limits', 'pod', 1],
    ['memory_requests', 'workload', 8e8],
    ['cpu_utilisation', 'cluster', 2 / 8],
    ['cpu_utilisation', 'node', 1.5 / 4],
    ['cpu_utilisation', 'namespace', 0.75 / 1],
    ['cpu_utilisation', 'pod', 0.25 / 0.5],
    ['memory_utilisation', 'node', 1e9 / 8e9],
    ['memory_utilisation', 'container', 1e8 / 4e8],
    ['pod_restarts', 'pod', 0],
    ['apiserver_request_rate', 'cluster', 11],
    ['apiserver_error_rate', 'cluster', 1 / 11],
    ['etcd_db_size', 'cluster', 5e6],
  ];
  for (const [metric, level, value] of expected)
    close(await answerOf(metric, level), value, `${metric} at ${level}`);
  const p99 = await answerOf('apiserver_request_latency_p99', 'cluster');
  assert.ok(typeof p99 === 'number' && p99 > 0.05 && p99 <= 0.1, `p99 ${p99}`);
});

test('pod counts by phase; cAdvisor metrics are absent where no series exist', async () => {
  const counts = (await answerOf('pod_count', 'namespace')) as Record<string, number>;
  assert.equal(counts[JSON.stringify({ phase: 'Running' })], 2);
  assert.equal(counts[JSON.stringify({ phase: 'Succeeded' })], 1);
  const node = (await answerOf('pod_count', 'node')) as Record<string, number>;
  assert.equal(node[JSON.stringify({ phase: 'Running' })], 2);
  for (const metric of ['network_receive', 'network_transmit', 'filesystem_usage'])
    assert.equal(await answerOf(metric, 'pod'), undefined, metric);
});
