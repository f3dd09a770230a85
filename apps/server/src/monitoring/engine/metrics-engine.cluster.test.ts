import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { MetricsEngineStatus } from '@portolan/api';
import {
  eventually,
  kubectl,
  kubectlOk,
  sharedSandboxes,
  uniqueNamespace,
  useNamespace,
} from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { prometheusBinary } from './testing/prometheus-binary.ts';

// The managed engine against real sandboxes: Debian's Prometheus scraping through the scrape proxy.
const { binDir, clusters } = sharedSandboxes();
const [first, second] = clusters;
if (!first || !second) throw new Error('this test needs two shared sandboxes');
const namespace = uniqueNamespace('metrics-engine');
useNamespace({ before, after }, binDir, first.kubeconfig, namespace);
const names = {
  a: `engine-a-${process.pid}`,
  b: `engine-b-${process.pid}`,
  broken: `engine-sa-${process.pid}`,
};
let harness: Harness;

before(async () => {
  harness = await startHarness({
    metricsEngine: { prometheusBin: await prometheusBinary(), scrapeIntervalSeconds: 2 },
  });
  await kubectlOk(binDir, first.kubeconfig, [
    'create',
    'deployment',
    'web',
    '-n',
    namespace,
    '--image=registry.example/web:1',
    '--replicas=2',
  ]);
  await harness.register(names.a, first.kubeconfig);
});
after(async () => {
  await harness?.stop({ removeData: true });
  // The ServiceAccount of the broken cluster, if a failed run left it.
  await kubectl(binDir, second.kubeconfig, [
    'delete',
    'clusterrolebinding',
    names.broken,
    '--ignore-not-found',
  ]);
});

const engine = () => harness.portolan.metricsEngine;
const series = async (promql: string) => engine().managed().query(promql);
const hasSeries = (promql: string) => async () => ((await series(promql)).length > 0 ? true : undefined);

test('the engine scrapes a registered sandbox: object state and the API server, each with its cluster', async () => {
  const pods = await eventually(
    'kube_pod_info of the test pods',
    async () => {
      const found = await series(`kube_pod_info{cluster="${names.a}",namespace="${namespace}"}`);
      return found.length === 2 ? found : undefined;
    },
    60_000,
  );
  assert.equal(pods[0]?.labels.job, 'portolan-state');
  const workloads = await series(`portolan_pod_workload{cluster="${names.a}",namespace="${namespace}"}`);
  assert.deepEqual(
    workloads.map((sample) => `${sample.labels.workload_kind}/${sample.labels.workload}`),
    ['Deployment/web', 'Deployment/web'],
  );
  assert.equal((await series(`portolan_cluster_up{cluster="${names.a}"}`))[0]?.value, 1);
  await eventually(
    'the API server’s request counter',
    hasSeries(`apiserver_request_total{cluster="${names.a}",job="apiserver"}`),
  );
  assert.ok((await engine().managed().metricNames(names.a)).has('kube_pod_status_phase'));

  const status = await harness.call<MetricsEngineStatus>('GET', '/api/v1/monitoring/engine');
  assert.equal(status.status, 200);
  assert.equal(status.body.mode, 'managed');
  assert.equal(status.body.available, true, status.body.reason);
  assert.match(status.body.version ?? '', /^2\./);
  assert.equal(status.body.scrapeIntervalSeconds, 2);
  assert.ok((status.body.memoryBytes ?? 0) > 10 * 1024 * 1024, 'the engine’s resident memory is shown');
  assert.ok((status.body.series ?? 0) > 0);
  const jobs = status.body.targets.filter((target) => target.cluster === names.a && target.health === 'up');
  const upJobs = new Set(jobs.map((target) => target.job));
  assert.ok(upJobs.has('apiserver') && upJobs.has('portolan-state'), [...upJobs].join(', '));
  const nodes = status.body.targets.filter(
    (target) => target.cluster === names.a && target.job === 'kubelet',
  );
  assert.equal(nodes.length, 3, 'one kubelet target per node, from the synced store');
});

test('each node’s kubelet resource metrics are scraped, a sandbox’s loopback nodes directly, with its node', async () => {
  const targets = await eventually('the kubelet targets scraped once', async () => {
    const found = (await engine().managed().targets(names.a)).filter((target) => target.job === 'kubelet');
    return found.length === 3 && found.every((target) => target.health !== 'unknown') ? found : undefined;
  });
  // The API server refuses to proxy to loopback nodes (`address not allowed`): the proxy dials them.
  assert.deepEqual(
    targets.filter((target) => target.health !== 'up').map((target) => target.lastError),
    [],
    'every sandbox node is scraped',
  );
  const nodeMemory = await eventually('kwok’s node metrics', async () => {
    const found = await series(`node_memory_working_set_bytes{cluster="${names.a}",job="kubelet"}`);
    return found.length === 3 ? found : undefined;
  });
  assert.deepEqual(
    nodeMemory.map((sample) => sample.labels.node).sort(),
    [0, 1, 2].map((i) => `${first.name}-node-${i}`),
  );
});

test('no cluster credential is in any file Prometheus reads', async () => {
  const folder = path.join(harness.dataDir, 'metrics');
  const kubeconfig = await readFile(first.kubeconfig, 'utf8');
  // Every long base64 value of the kubeconfig (client key and certificate, CA) and any token.
  const secrets = [...kubeconfig.matchAll(/(?:data|token):\s*"?([A-Za-z0-9+/=._-]{24,})/g)].map(
    (m) => m[1] ?? '',
  );
  assert.ok(secrets.length > 0, 'the sandbox kubeconfig holds credentials to look for');
  for (const entry of await readdir(folder)) {
    if (entry === 'data') continue;
    const file = path.join(folder, entry);
    const text = await readFile(file, 'utf8');
    for (const secret of secrets) assert.ok(!text.includes(secret), `${entry} holds a cluster credential`);
    if (entry === 'scrape-token') assert.equal((await stat(file)).mode & 0o077, 0, 'the proxy token is 0600');
  }
  const config = await readFile(path.join(folder, 'prometheus.yml'), 'utf8');
  assert.ok(!config.includes(first.server), 'Prometheus does not even know the API server’s address');
});

test('a cluster registered later is scraped without restarting the engine', async () => {
  const pid = engine().local.running()?.prometheus.pid;
  await harness.register(names.b, second.kubeconfig);
  await eventually(
    'the second cluster’s object state',
    hasSeries(`portolan_cluster_up{cluster="${names.b}"}`),
    30_000,
  );
  assert.equal(engine().local.running()?.prometheus.pid, pid);
});

test('a cluster whose credentials stop working shows its target down with the reason', async () => {
  const sa = names.broken;
  await kubectlOk(binDir, second.kubeconfig, ['create', 'serviceaccount', sa, '-n', 'default']);
  await kubectlOk(binDir, second.kubeconfig, [
    'create',
    'clusterrolebinding',
    sa,
    '--clusterrole=cluster-admin',
    `--serviceaccount=default:${sa}`,
  ]);
  const token = (await kubectlOk(binDir, second.kubeconfig, ['create', 'token', sa, '-n', 'default'])).trim();
  const ca = await kubectlOk(binDir, second.kubeconfig, [
    'config',
    'view',
    '--raw',
    '--minify',
    '-o',
    'jsonpath={.clusters[0].cluster.certificate-authority-data}',
  ]);
  const file = path.join(harness.dataDir, 'sa.kubeconfig');
  await writeFile(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: second.server, 'certificate-authority-data': ca } }],
      users: [{ name: 'u', user: { token } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'c',
    }),
  );
  await harness.register(sa, file);
  await eventually('the API server target up', async () =>
    (await engine().managed().targets(sa)).some((t) => t.job === 'apiserver' && t.health === 'up')
      ? true
      : undefined,
  );
  // Deleting the ServiceAccount invalidates its token: the API server answers 401.
  await kubectlOk(binDir, second.kubeconfig, ['delete', 'serviceaccount', sa, '-n', 'default']);
  // Under load a scrape can first run out of time; the target then stays down with the 401 as reason.
  const down = await eventually(
    'the API server target down with the 401 as its reason',
    async () =>
      (await engine().managed().targets(sa)).find(
        (t) => t.job === 'apiserver' && t.health === 'down' && /401/.test(t.lastError ?? ''),
      ),
    60_000,
  );
  assert.match(down.lastError ?? '', new RegExp(`cluster ${sa} answered /metrics`));
  const status = await harness.call<MetricsEngineStatus>('GET', '/api/v1/monitoring/engine');
  assert.ok(
    status.body.targets.some((t) => t.cluster === sa && t.health === 'down' && /401/.test(t.lastError ?? '')),
  );
});

test('a killed Prometheus is noticed and started again', async () => {
  const before = engine().local.running()?.prometheus;
  assert.ok(before);
  process.kill(before.pid, 'SIGKILL');
  const after = await eventually(
    'a new Prometheus',
    async () => {
      const running = engine().local.running()?.prometheus;
      return running && running.pid !== before.pid ? running : undefined;
    },
    30_000,
  );
  assert.notEqual(after.pid, before.pid);
  // Queries find it at its new address (the store's record is read again after a failure).
  await eventually(
    'answers from the restarted engine',
    hasSeries(`portolan_cluster_up{cluster="${names.a}"}`),
    30_000,
  );
});
