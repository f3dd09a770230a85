/**
 * Sync benchmarks (issue 3) against real sandbox clusters:
 * - initial sync rate of N objects spread over several sandboxes, against kubectl listing the same;
 * - watch-to-store latency p50/p99 while changes arrive at a fixed rate;
 * - one cross-cluster query (all pods with a label) through Portolan versus kubectl per cluster.
 *
 *   node bench/sync.bench.ts [--clusters 4] [--objects 100000] [--rate 200] [--seconds 15]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { createSandboxManager, findSandboxBinaries, type SandboxInfo } from '@portolan/sandbox';
import { eventually, kubectlOk } from '@portolan/sandbox/testing';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { patchAtRate, readLatencies } from './change-latency.ts';
import { type Endpoint, endpointOf, fill } from './kube-endpoint.ts';
import { createResults, percentile } from './report.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    clusters: { type: 'string' },
    objects: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
  },
});
const clusterCount = Number(values.clusters ?? '4');
const objectCount = Number(values.objects ?? '100000');
const rate = Number(values.rate ?? '200');
const seconds = Number(values.seconds ?? '15');
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);
const row = results.row;

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-sync-bench-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
let harness: Awaited<ReturnType<typeof startHarness>> | undefined;

try {
  const infos: SandboxInfo[] = [];
  for (let i = 0; i < clusterCount; i++)
    infos.push((await sandboxes.create({ name: `sync-${i}`, nodes: 3 })).sandbox);
  const endpoints = await Promise.all(infos.map((info) => endpointOf(info.kubeconfigPath)));
  const perCluster = Math.ceil(objectCount / clusterCount);
  const filled = Date.now();
  await Promise.all(endpoints.map((endpoint) => fill(endpoint, perCluster)));
  log(`created ${perCluster * clusterCount} ConfigMaps in ${((Date.now() - filled) / 1000).toFixed(1)} s`);

  // Baseline: kubectl listing every object of every cluster, one after the other.
  const listed = Date.now();
  for (const info of infos) {
    await run(
      path.join(binDir, 'kubectl'),
      [`--kubeconfig=${info.kubeconfigPath}`, 'get', 'configmaps', '-A', '-o', 'json'],
      {
        maxBuffer: 1 << 30,
      },
    );
  }
  const kubectlMs = Date.now() - listed;

  harness = await startHarness({
    args: ['--sync-resources', 'configmaps,pods,namespaces,nodes,apps/deployments,apps/replicasets'],
  });
  const started = Date.now();
  for (const [i, info] of infos.entries())
    await harness.register(`sync-${i}`, info.kubeconfigPath, { bench: 'yes' });
  const expected = perCluster * clusterCount;
  // Counts come from the sync state (kept with the rows), not from search, whose count is an estimate past 10,000.
  const synced = async () => {
    let total = 0;
    for (let i = 0; i < clusterCount; i++) {
      const sync = await harness?.call<{ resources: { resource: string; objectCount: number }[] }>(
        'GET',
        `/api/v1/clusters/sync-${i}/sync`,
      );
      total += sync?.body.resources.find((state) => state.resource === 'configmaps')?.objectCount ?? 0;
    }
    return total;
  };
  await eventually(
    'the initial sync',
    async () => ((await synced()) >= expected ? true : undefined),
    600_000,
    200,
  );
  const syncMs = Date.now() - started;
  row(
    `initial sync of ${expected.toLocaleString('en')} ConfigMaps over ${clusterCount} sandboxes`,
    `${(syncMs / 1000).toFixed(1)} s, ${Math.round(expected / (syncMs / 1000)).toLocaleString('en')} objects/s`,
    '≥ 10,000 objects/s',
  );
  row(
    'kubectl get -o json of the same objects, cluster after cluster',
    `${(kubectlMs / 1000).toFixed(1)} s (sync took ${(syncMs / kubectlMs).toFixed(2)}× as long, and stores and indexes them)`,
  );

  // Watch-to-store latency: patches carry their send time; the change stream reports the stored row.
  const reader = await readLatencies(
    `${harness.url}/api/v1/changes?kinds=configmaps&namespaces=bench&clusters=sync-0`,
    harness.headers,
  );
  const { latencies } = reader;
  const total = await patchAtRate([endpoints[0] as Endpoint], { rate, seconds, perCluster });
  await eventually(
    'all changes to reach the store',
    async () => (latencies.length >= total ? true : undefined),
    60_000,
    200,
  ).catch(() => undefined);
  await reader.stop();
  row(
    `watch-to-store latency at ${rate} changes/s for ${seconds} s (${latencies.length} of ${total} seen)`,
    `p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
    'p99 < 250 ms',
  );

  // Cross-cluster query: pods with a label in every cluster, through Portolan and through kubectl.
  for (const info of infos) {
    await kubectlOk(binDir, info.kubeconfigPath, [
      'create',
      'deployment',
      'web',
      '--image=nginx',
      '--replicas=50',
      '-n',
      'bench',
    ]);
  }
  await eventually(
    '200 web pods in the store',
    async () => {
      const page = (
        await harness?.call<{ remaining: number; items: unknown[] }>(
          'GET',
          '/api/v1/search?kinds=pods&labelSelector=app%3Dweb&limit=1&objects=false',
        )
      )?.body;
      return page && page.remaining + page.items.length >= 50 * clusterCount ? true : undefined;
    },
    120_000,
    500,
  );
  const portolanTimes: number[] = [];
  const kubectlTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    let t = performance.now();
    const page = await harness.call<{ items: unknown[] }>(
      'GET',
      '/api/v1/search?kinds=pods&labelSelector=app%3Dweb&limit=500',
    );
    portolanTimes.push(performance.now() - t);
    if (page.body.items.length !== 50 * clusterCount)
      throw new Error(`Portolan found ${page.body.items.length} pods`);
    t = performance.now();
    await Promise.all(
      infos.map((info) =>
        run(
          path.join(binDir, 'kubectl'),
          [`--kubeconfig=${info.kubeconfigPath}`, 'get', 'pods', '-A', '-l', 'app=web', '-o', 'json'],
          { maxBuffer: 1 << 28 },
        ),
      ),
    );
    kubectlTimes.push(performance.now() - t);
  }
  const p50 = percentile(portolanTimes, 50);
  const k50 = percentile(kubectlTimes, 50);
  row(
    `all pods labelled app=web across ${clusterCount} clusters (median of 20)`,
    `Portolan ${p50.toFixed(1)} ms, kubectl in parallel per cluster ${k50.toFixed(0)} ms: ${(k50 / p50).toFixed(0)}× faster`,
    '≥ 20×',
  );

  await results.publish(
    'Sync',
    `node bench/sync.bench.ts --clusters ${clusterCount} --objects ${objectCount} --rate ${rate} --seconds ${seconds}`,
  );
} finally {
  await harness?.stop({ removeData: true }).catch(() => undefined);
  for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
