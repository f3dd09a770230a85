/**
 * Replicas benchmark (issue 17): the same clusters, client and load against one Portolan replica and
 * then three, on one PostgreSQL database, as real server processes.
 * - watch-to-store latency: ConfigMap patches at a fixed rate spread over every cluster, seen on a
 *   change stream held by the first replica (with three, most clusters are synced by another replica
 *   and reach it through PostgreSQL);
 * - search latency: one client's searches sent to the replicas in turn;
 * - search throughput: several clients at once, spread over the replicas.
 *
 *   node bench/replicas.bench.ts [--clusters 5] [--configmaps 2000] [--rate 200] [--seconds 15]
 *                                [--searches 400] [--clients 6]
 * Needs PORTOLAN_TEST_POSTGRES_URL (bash scripts/postgres.sh start); makes and drops its own database.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ReplicaList } from '@portolan/api';
import { createSandboxManager, findSandboxBinaries } from '@portolan/sandbox';
import { eventually } from '@portolan/sandbox/testing';
import {
  type ReplicaProcess,
  type ReplicaSet,
  replicaSet,
} from '../apps/server/src/replicas/testing/replica-processes.ts';
import { harnessDatabase } from '../apps/server/src/testing/harness-database.ts';
import { patchAtRate, readLatencies } from './change-latency.ts';
import { endpointOf, fill } from './kube-endpoint.ts';
import { createResults, percentile } from './report.ts';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '5' },
    configmaps: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '15' },
    searches: { type: 'string', default: '400' },
    clients: { type: 'string', default: '6' },
  },
});
const CLUSTERS = Number(values.clusters);
const PER_CLUSTER = Number(values.configmaps);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const SEARCHES = Number(values.searches);
const CLIENTS = Number(values.clients);
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);

const binDir = await findSandboxBinaries();
const workDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-replicas-bench-'));
const sandboxes = createSandboxManager({ dataDir: workDir, binDir: async () => binDir });
const database = await harnessDatabase(workDir, process.env);
let set: ReplicaSet | undefined;

async function call<T>(replica: ReplicaProcess, route: string, init: RequestInit = {}) {
  const response = await fetch(`${replica.url}${route}`, {
    ...init,
    headers: {
      authorization: `Bearer ${set?.token}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Every cluster's ConfigMaps stored, by the sync state of each (read through `via`). */
async function allSynced(via: ReplicaProcess): Promise<boolean> {
  for (let c = 0; c < CLUSTERS; c++) {
    const sync = await call<{ resources: Array<{ resource: string; objectCount: number; state?: string }> }>(
      via,
      `/api/v1/clusters/bench-${c}/sync`,
    );
    const configMaps = sync.resources.find((r) => r.resource === 'configmaps');
    if ((configMaps?.objectCount ?? 0) < PER_CLUSTER) return false;
  }
  return true;
}

/** Clusters held by each replica, as GET /api/v1/replicas shows them. */
async function holdings(via: ReplicaProcess): Promise<number[]> {
  const list = await call<ReplicaList>(via, '/api/v1/replicas');
  return list.items.map((item) => item.owns.filter((held) => held.kind === 'cluster').length);
}

const SHAPES = [
  `/api/v1/search?kinds=configmaps&namespaces=bench&limit=100`,
  `/api/v1/search?kinds=configmaps&labelSelector=app%3Dapp-7&limit=100`,
  `/api/v1/search?kinds=configmaps&labelSelector=shard%20in%20(1,2)&sort=name&limit=100`,
  `/api/v1/search?kinds=configmaps&nameContains=cm-12&limit=100`,
];

async function measure(label: string, replicas: ReplicaProcess[]) {
  const [first] = replicas;
  if (!first) throw new Error('no replica');
  // Watch-to-store: every cluster changes; the stream is held by the first replica.
  const reader = await readLatencies(`${first.url}/api/v1/changes?kinds=configmaps&namespaces=bench`, {
    authorization: `Bearer ${set?.token}`,
  });
  const total = await patchAtRate(endpoints, { rate: RATE, seconds: SECONDS, perCluster: PER_CLUSTER });
  await eventually(
    'the changes to reach the stream',
    async () => (reader.latencies.length >= total ? true : undefined),
    60_000,
    200,
  ).catch(() => undefined);
  await reader.stop();
  const seen = reader.latencies;
  results.row(
    `${label}: watch-to-store latency, ${RATE} changes/s over ${CLUSTERS} clusters for ${SECONDS} s (${seen.length} of ${total} seen on replica 1's change stream)`,
    `p50 ${percentile(seen, 50)} ms, p99 ${percentile(seen, 99)} ms`,
    'p99 < 250 ms',
  );
  // One client, searches in turn over the replicas.
  const times: number[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const replica = replicas[i % replicas.length] as ReplicaProcess;
    const started = performance.now();
    await call(replica, SHAPES[i % SHAPES.length] as string);
    times.push(performance.now() - started);
  }
  results.row(
    `${label}: search latency, one client, ${SEARCHES} searches of ${SHAPES.length} shapes over the replicas in turn`,
    `p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
  );
  // Several clients at once for a fixed time: answered searches a second.
  let answered = 0;
  const until = Date.now() + 10_000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = client; Date.now() < until; i += CLIENTS) {
        await call(replicas[i % replicas.length] as ReplicaProcess, SHAPES[i % SHAPES.length] as string);
        answered++;
      }
    }),
  );
  results.row(
    `${label}: search throughput, ${CLIENTS} clients for 10 s`,
    `${Math.round(answered / 10)} searches/s`,
  );
  return { p99: percentile(seen, 99), searchP99: percentile(times, 99), throughput: answered / 10 };
}

const endpoints: Awaited<ReturnType<typeof endpointOf>>[] = [];
try {
  const kubeconfigs: string[] = [];
  for (let c = 0; c < CLUSTERS; c++) {
    const { sandbox } = await sandboxes.create({ name: `bench-${c}`, nodes: 2 });
    kubeconfigs.push(sandbox.kubeconfigPath);
    endpoints.push(await endpointOf(sandbox.kubeconfigPath));
  }
  await Promise.all(endpoints.map((endpoint) => fill(endpoint, PER_CLUSTER)));
  log(`${CLUSTERS} sandboxes with ${PER_CLUSTER} ConfigMaps each`);

  set = await replicaSet({
    databaseUrl: database.url,
    args: ['--probe-interval', '5', '--log-level', 'info', '--sync-resources', 'configmaps,namespaces,nodes'],
  });
  const one = await set.start('replica-1');
  for (const [c, kubeconfig] of kubeconfigs.entries())
    await call(one, '/api/v1/clusters', {
      method: 'POST',
      body: JSON.stringify({ name: `bench-${c}`, kubeconfig: await readFile(kubeconfig, 'utf8') }),
    });
  await eventually('the first sync', async () => ((await allSynced(one)) ? true : undefined), 300_000, 500);
  const single = await measure('1 replica', [one]);

  const two = await set.start('replica-2');
  const three = await set.start('replica-3');
  // Clusters spread when replicas join: wait until each holds some and the moved ones synced again.
  await eventually(
    'the clusters to spread over three replicas',
    async () => {
      const held = await holdings(one);
      return held.length === 3 && held.every((n) => n > 0) && held.reduce((a, b) => a + b, 0) === CLUSTERS
        ? held
        : undefined;
    },
    120_000,
    500,
  );
  await eventually(
    'every cluster synced again',
    async () => ((await allSynced(one)) ? true : undefined),
    120_000,
    500,
  );
  results.row('clusters held by each of the three replicas', (await holdings(one)).join(', '));
  const spread = await measure('3 replicas', [one, two, three]);
  results.row(
    '3 replicas against 1: watch-to-store p99, search p99, search throughput',
    `${(spread.p99 / single.p99).toFixed(2)}×, ${(spread.searchP99 / single.searchP99).toFixed(2)}×, ${(spread.throughput / single.throughput).toFixed(2)}×`,
    'latency no worse (≤ 1×)',
  );
  await results.publish(
    'Replicas (PostgreSQL)',
    `node bench/replicas.bench.ts --clusters ${CLUSTERS} --configmaps ${PER_CLUSTER} --rate ${RATE} --seconds ${SECONDS} --searches ${SEARCHES} --clients ${CLIENTS}`,
  );
} finally {
  await set?.stopAll().catch(() => undefined);
  await database.drop().catch(() => undefined);
  for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name).catch(() => undefined);
  await rm(workDir, { recursive: true, force: true });
}
