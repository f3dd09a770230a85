/**
 * Inspection benchmark (issue #14): one inspection of a kwok sandbox holding 10,000 pods (20
 * Deployments of 500, with ConfigMaps, Secrets and Services beside them), with every item on.
 * Reported apart: reading the synced store (every inspected kind, in pages), the live reads (readyz,
 * livez, /metrics, Leases, metrics.k8s.io) and the checks themselves; then a whole run through the
 * API (POST …/run, 202, until it ends). Baseline measured in the same run: kubectl listing the same
 * pods from the API server (`kubectl get pods -A -o json`), which is what any inspection must at least
 * read.
 *
 *   node bench/inspection.bench.ts [--pods 10000] [--rounds 3]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import type { InspectionRunView } from '@portolan/api';
import { createSandboxManager, findSandboxBinaries } from '@portolan/sandbox';
import { eventually, kubectlOk } from '@portolan/sandbox/testing';
import { inspect } from '../apps/server/src/inspections/inspect.ts';
import { inspectedClusters } from '../apps/server/src/inspections/inspected-cluster.ts';
import { readLive, readStoredObjects } from '../apps/server/src/inspections/inspection-input.ts';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { type Endpoint, endpointOf } from './kube-endpoint.ts';
import { createResults, percentile } from './report.ts';

const run = promisify(execFile);
const { values } = parseArgs({ options: { pods: { type: 'string' }, rounds: { type: 'string' } } });
const podCount = Number(values.pods ?? '10000');
const rounds = Number(values.rounds ?? '3');
const DEPLOYMENTS = 20;
const NODES = 10;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);
const row = results.row;
const ms = (value: number) => `${value.toFixed(0)} ms`;

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-inspection-bench-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
let harness: Awaited<ReturnType<typeof startHarness>> | undefined;

/** Workloads as varied as a real cluster's: pinned and floating images, some privileged, some with requests. */
function manifests(): string {
  const perDeployment = Math.ceil(podCount / DEPLOYMENTS);
  const items: object[] = [];
  for (let i = 0; i < DEPLOYMENTS; i++) {
    const name = `app-${i}`;
    items.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: `team-${i % 5}` },
      spec: {
        replicas: perDeployment,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            containers: [
              {
                name: 'app',
                image: i % 4 === 0 ? 'nginx:latest' : `registry.example/${name}:1.${i}`,
                envFrom: [{ configMapRef: { name: `settings-${i}` } }],
                ...(i % 3 === 0 ? { resources: { requests: { cpu: '10m', memory: '16Mi' } } } : {}),
                ...(i % 7 === 0 ? { securityContext: { privileged: true } } : {}),
              },
            ],
          },
        },
      },
    });
    items.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: `team-${i % 5}` },
      spec: { selector: { app: name }, ports: [{ port: 80 }] },
    });
  }
  for (let i = 0; i < 200; i++) {
    const namespace = `team-${i % 5}`;
    items.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `settings-${i}`, namespace },
      data: { mode: 'on' },
    });
    items.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `token-${i}`, namespace },
      stringData: { token: 'x' },
    });
  }
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

/** Pods in the cluster, from one list page of one item and the count of those after it. */
function countPods(endpoint: Endpoint): Promise<number> {
  return new Promise((resolve, reject) => {
    https
      .get(new URL('/api/v1/pods?limit=1', endpoint.server), { agent: endpoint.agent }, (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => {
          const list = JSON.parse(text) as { items: unknown[]; metadata: { remainingItemCount?: number } };
          resolve(list.items.length + (list.metadata.remainingItemCount ?? 0));
        });
      })
      .on('error', reject);
  });
}

try {
  const perNode = Math.ceil((podCount * 1.1) / NODES);
  const { sandbox } = await sandboxes.create({ name: 'inspect', nodes: NODES, nodePods: perNode });
  const kubeconfig = sandbox.kubeconfigPath;
  const k = (args: string[], input?: string) =>
    kubectlOk(binDir, kubeconfig, args, { timeoutMs: 600_000, ...(input ? { input } : {}) });
  for (let i = 0; i < 5; i++) await k(['create', 'namespace', `team-${i}`]);
  const created = Date.now();
  await k(['apply', '-f', '-'], manifests());
  // Every pod made by its ReplicaSet; kwok moves them to Running at its own pace (slow on a busy
  // machine), and an inspection judges Pending pods as well as Running ones.
  const endpoint = await endpointOf(kubeconfig);
  await eventually(
    `${podCount} pods created`,
    async () => {
      const made = await countPods(endpoint);
      log(`${made} pods created`);
      return made >= podCount ? made : undefined;
    },
    900_000,
    5_000,
  );
  log(`${podCount} pods created in ${((Date.now() - created) / 1000).toFixed(0)} s`);

  // Baseline: the pods alone, listed from the API server.
  const kubectlTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run(
      path.join(binDir, 'kubectl'),
      [`--kubeconfig=${kubeconfig}`, 'get', 'pods', '-A', '-o', 'json'],
      { maxBuffer: 1 << 30 },
    );
    kubectlTimes.push(performance.now() - t);
  }

  harness = await startHarness();
  const { id } = await harness.register('inspect', kubeconfig);
  const portolan = harness.portolan;
  await eventually(
    `${podCount} pods in the store`,
    async () => {
      const counts = await portolan.store.resources.counts({
        clusterIds: [id],
        types: [{ group: '', resource: 'pods' }],
      });
      const stored = counts.reduce((sum, count) => sum + count.count, 0);
      return stored >= podCount ? stored : undefined;
    },
    600_000,
    2_000,
  );

  const cluster = await inspectedClusters(portolan.clusters)('inspect');
  if (!cluster) throw new Error('the sandbox is not registered');
  const client = portolan.clusters.clientOf(id);
  const storeTimes: number[] = [];
  const liveTimes: number[] = [];
  const checkTimes: number[] = [];
  let findings = 0;
  let byItem = '';
  let objects = 0;
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    const stored = await readStoredObjects(portolan.store, id);
    storeTimes.push(performance.now() - t);
    t = performance.now();
    const live = await readLive(client, cluster);
    liveTimes.push(performance.now() - t);
    t = performance.now();
    const result = inspect({ cluster, now: new Date(), objects: stored, live }, {});
    checkTimes.push(performance.now() - t);
    findings = result.findings.length;
    const counts = new Map<string, number>();
    for (const finding of result.findings) counts.set(finding.item, (counts.get(finding.item) ?? 0) + 1);
    byItem = [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([item, count]) => `${item} ${count}`)
      .join(', ');
    objects = Object.values(result.objects).reduce((a, b) => a + b, 0);
  }

  // The whole run through the API, as a user starts it.
  await harness.call('PUT', '/api/v1/inspections/configs/bench', { cluster: 'inspect' });
  const runTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const started = await harness.call<InspectionRunView>('POST', '/api/v1/inspections/configs/bench/run');
    const ended = await eventually(
      'the run ends',
      async () => {
        const view = await harness?.call<InspectionRunView>(
          'GET',
          `/api/v1/inspections/runs/${started.body.id}`,
        );
        return view && view.body.state !== 'running' ? view.body : undefined;
      },
      120_000,
      50,
    );
    if (ended.state !== 'succeeded') throw new Error(`the run failed: ${ended.error}`);
    runTimes.push(performance.now() - t);
  }

  const median = (list: number[]) => percentile(list, 50);
  row('objects inspected (pods, nodes, workloads, ConfigMaps, Secrets, …)', objects.toLocaleString('en'));
  row('findings', `${findings.toLocaleString('en')} (${byItem})`);
  row(`reading the store: every inspected kind (median of ${rounds})`, ms(median(storeTimes)));
  row(
    `live reads: readyz, livez, /metrics, Leases, metrics.k8s.io (median of ${rounds})`,
    ms(median(liveTimes)),
  );
  row(`the checks themselves (median of ${rounds})`, ms(median(checkTimes)));
  row(
    `a whole run through the API: POST …/run until it ends (median of ${rounds})`,
    ms(median(runTimes)),
    '< 10 s',
  );
  row(
    `baseline: kubectl get pods -A -o json, the pods alone (median of ${rounds})`,
    `${ms(median(kubectlTimes))}; the whole inspection takes ${(median(runTimes) / median(kubectlTimes)).toFixed(2)}× that`,
  );
  await results.publish(
    `Inspection of a ${podCount.toLocaleString('en')}-pod cluster`,
    `node bench/inspection.bench.ts --pods ${podCount} --rounds ${rounds}`,
  );
} finally {
  await harness?.stop({ removeData: true }).catch(() => undefined);
  for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
