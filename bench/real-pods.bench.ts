/**
 * Search over real pods (issue 17): the search benchmark's synthetic pods made real on sandbox
 * clusters `bench-0` … `bench-4` of 10 kwok nodes each. The API server defaults and stores them, kwok
 * runs them and writes their status, a real Portolan server syncs them through its watches. Then every
 * search shape of search-shapes.ts is measured through HTTP by a client in a process of its own, as
 * search.bench.ts does over the store it fills directly.
 *
 * The five control planes share the machine's 2 cores with Portolan, and are not idle (kwok's node
 * heartbeats and leases, the controllers' resyncs): every shape is measured twice, with the sandboxes
 * running, then with their processes paused (SIGSTOP, SIGCONT after), as Portolan runs beside clusters
 * on machines of their own. Their CPU while no request is made is reported too.
 *
 * Baseline in the same run: one sandbox API server's own page of 100 pods of a namespace
 * (GET /api/v1/namespaces/ns-N/pods?limit=100 straight over HTTPS, the body read and parsed), where
 * Portolan's "namespace" shape gives a page of that namespace over all the clusters.
 *
 *   node bench/real-pods.bench.ts [--clusters 5] [--pods 20000] [--runs 200] [--database-url URL]
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSandboxManager, findSandboxBinaries, type SandboxInfo } from '@portolan/sandbox';
import { eventually } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { type Endpoint, endpointOf, getJson, send, sendJson } from './kube-endpoint.ts';
import { createResults, mib, percentile } from './report.ts';
import { type Callers, measureApart } from './search-measure.ts';
import { viewerTokens } from './search-shapes.ts';
import { NAMESPACES, pod, resetSeed } from './synthetic-pods.ts';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string' },
    pods: { type: 'string' },
    runs: { type: 'string' },
    'database-url': { type: 'string' },
  },
});
const clusterCount = Number(values.clusters ?? '5');
const podCount = Number(values.pods ?? '20000');
const runs = Number(values.runs ?? '200');
const databaseUrl = values['database-url'];
const perCluster = Math.ceil(podCount / clusterCount);
const NODES = 10;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);
const timing = (times: number[]) =>
  `p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`;

interface PodObject {
  metadata: Record<string, unknown> & { name: string; namespace: string };
  spec: Record<string, unknown>;
}

/**
 * The i-th synthetic pod as a client would create it: no status, uid, owner or server-set fields (the
 * API server and kwok write those), on one of the sandbox's nodes, with the namespace's default
 * ServiceAccount (the synthetic ones name accounts that do not exist).
 */
function podToCreate(i: number, sandbox: string): PodObject {
  const { metadata, spec } = pod(i).object as unknown as PodObject;
  const { name, namespace, labels, annotations } = metadata;
  const { serviceAccount: _account, containers, ...rest } = spec;
  return {
    metadata: { name, namespace, labels, annotations },
    spec: {
      ...rest,
      containers: (containers as Container[])
        .filter((container, n, all) => all.findIndex((other) => other.name === container.name) === n)
        .map(withValidLimit),
      serviceAccountName: 'default',
      nodeName: `${sandbox}-node-${i % NODES}`,
    },
  };
}

type Container = { name: string; resources: { requests: { memory: string }; limits: { memory: string } } };
const mebibytes = (quantity: string) => Number.parseInt(quantity, 10);

/**
 * The synthetic pods may ask for more memory than their limit, or have a sidecar twice; the API
 * server refuses both, so the second is left out and the limit raised to the request.
 */
function withValidLimit(container: Container): Container {
  const { requests, limits } = container.resources;
  if (mebibytes(requests.memory) <= mebibytes(limits.memory)) return container;
  return { ...container, resources: { requests, limits: { memory: requests.memory } } };
}

/** The namespaces (each with its default ServiceAccount, which pods need), then the pods, 16 at once. */
async function fill(endpoint: Endpoint, cluster: number, sandbox: string): Promise<void> {
  for (let n = 0; n < NAMESPACES; n++)
    await send(endpoint, 'POST', '/api/v1/namespaces', { metadata: { name: `ns-${n}` } });
  await eventually(
    `${sandbox}: every namespace's default ServiceAccount`,
    async () => {
      const accounts = await getJson<{ items: unknown[] }>(
        endpoint,
        '/api/v1/serviceaccounts?fieldSelector=metadata.name%3Ddefault',
      );
      return accounts.items.length >= NAMESPACES ? true : undefined;
    },
    120_000,
    1000,
  );
  let next = 0;
  const worker = async () => {
    while (next < perCluster) {
      const i = cluster * perCluster + next++;
      const body = podToCreate(i, sandbox);
      const route = `/api/v1/namespaces/${body.metadata.namespace}/pods`;
      const answer = await sendJson(endpoint, 'POST', route, body);
      if (answer.status !== 201)
        throw new Error(
          `${sandbox}: creating pod ${body.metadata.name} answered ${answer.status}: ${answer.text}`,
        );
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** Until kwok has every pod of the sandbox running (its status written), so the sync meets a still cluster. */
async function running(endpoint: Endpoint, sandbox: string): Promise<void> {
  await eventually(
    `${sandbox}: every pod Running`,
    async () => {
      const left = await getJson<{ items: unknown[] }>(
        endpoint,
        '/api/v1/pods?fieldSelector=status.phase!%3DRunning&limit=1',
      );
      return left.items.length === 0 ? true : undefined;
    },
    300_000,
    2000,
  );
}

/** The sandbox API server's own page of 100 pods of a namespace, `runs` times after 20 not timed. */
async function apiServerPages(endpoint: Endpoint): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + 20; i++) {
    const started = performance.now();
    await getJson(endpoint, `/api/v1/namespaces/ns-${i % NAMESPACES}/pods?limit=100`);
    if (i >= 20) times.push(performance.now() - started);
  }
  return times;
}

/** CPU seconds (user and system) the processes have used so far; one that has exited counts none. */
async function cpuSeconds(pids: number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks / CLOCK_TICKS;
}
/** Linux counts those times in ticks of 1/100 s (USER_HZ) on every architecture Portolan runs on. */
const CLOCK_TICKS = 100;

/** Runs `work` with the processes stopped (SIGSTOP), and always continues them (SIGCONT) after. */
async function withPaused<T>(pids: number[], work: () => Promise<T>): Promise<T> {
  const signal = (name: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, name);
      } catch {
        // Gone already: nothing to pause or continue.
      }
    }
  };
  signal('SIGSTOP');
  try {
    return await work();
  } finally {
    signal('SIGCONT');
  }
}

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-real-pods-bench-'));
const sandboxes = createSandboxManager({
  dataDir: path.join(dataDir, 'sandboxes'),
  binDir: async () => binDir,
});
let harness: Harness | undefined;
try {
  const infos: SandboxInfo[] = [];
  for (let c = 0; c < clusterCount; c++) {
    log(`sandbox ${c + 1} of ${clusterCount}`);
    const made = await sandboxes.create({ name: `bench-${c}`, nodes: NODES, nodePods: perCluster + 100 });
    infos.push(made.sandbox);
  }
  const endpoints = await Promise.all(infos.map((info) => endpointOf(info.kubeconfigPath)));
  resetSeed();
  const filling = Date.now();
  for (const [c, endpoint] of endpoints.entries()) await fill(endpoint, c, `bench-${c}`);
  const created = perCluster * clusterCount;
  log(`created ${created} pods in ${((Date.now() - filling) / 1000).toFixed(1)} s`);
  for (const [c, endpoint] of endpoints.entries()) await running(endpoint, `bench-${c}`);

  harness = await startHarness({
    dataDir: path.join(dataDir, 'portolan'),
    args: databaseUrl ? ['--database-url', databaseUrl] : [],
  });
  const syncing = Date.now();
  for (const [c, info] of infos.entries()) {
    const labels = { env: c % 2 ? 'prod' : 'dev' };
    await eventually(
      `bench-${c} registered`,
      () => (harness as Harness).register(`bench-${c}`, info.kubeconfigPath, labels),
      120_000,
      2000,
    );
  }
  const stored = async () => {
    const page = await (harness as Harness).call<{ items: unknown[]; remaining: number }>(
      'GET',
      '/api/v1/search?kinds=pods&limit=1&objects=false',
    );
    return page.body.items.length + page.body.remaining;
  };
  await eventually(
    'every pod synced',
    async () => ((await stored()) >= created ? true : undefined),
    600_000,
    1000,
  );
  results.row(
    `${created.toLocaleString('en')} pods created on ${clusterCount} sandboxes of ${NODES} kwok nodes, registered and synced`,
    `${((Date.now() - syncing) / 1000).toFixed(1)} s from the first registration`,
  );

  const tokens = Object.entries(await viewerTokens(harness));
  const callers = {
    admin: harness.headers.authorization,
    ...Object.fromEntries(tokens.map(([username, token]) => [username, `Bearer ${token}`])),
  } as Callers;
  // What the server does meanwhile without any request (watches of the clusters, probes, kwok's node
  // heartbeats and leases synced), and how busy the machine is: the sandboxes share its 2 cores.
  const sandboxPids = (await sandboxes.list()).flatMap((sandbox) =>
    sandbox.components.flatMap((component) => (component.pid ? [component.pid] : [])),
  );
  const idleFrom = process.cpuUsage();
  const sandboxFrom = await cpuSeconds(sandboxPids);
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const idle = process.cpuUsage(idleFrom);
  const busy = ((idle.user + idle.system) / 1e6 / 10) * 100;
  results.row('CPU of the server process over 10 s with no request', `${busy.toFixed(1)} % of a core`);
  const sandboxBusy = (((await cpuSeconds(sandboxPids)) - sandboxFrom) / 10) * 100;
  results.row(
    `CPU of the ${clusterCount} sandboxes' processes over the same 10 s`,
    `${sandboxBusy.toFixed(0)} % of a core (the machine has 2)`,
  );
  const measured = await measureApart(harness.url, callers, runs);
  results.row('load average (1 minute) after the searches', os.loadavg()[0]?.toFixed(1) ?? '?');
  const baseline = await apiServerPages(endpoints[0] as Endpoint);
  // Last: the clusters' probes fail while their sandboxes are paused, and they are synced again after.
  const paused = await withPaused(sandboxPids, () => measureApart(harness?.url ?? '', callers, runs));
  // Beside the client's time, the server's own (its Server-Timing header): the difference is the
  // client, the connection and the machine's other work.
  for (const { name, times, serverTimes, itemsPerPage } of measured) {
    const alone = paused.find((shape) => shape.name === name);
    results.row(
      name,
      `${timing(times)} (${itemsPerPage.toFixed(0)} items/page), the server's own ${timing(serverTimes)}; ` +
        `sandboxes paused: ${timing(alone?.times ?? [])}, the server's own ${timing(alone?.serverTimes ?? [])}`,
      'p99 < 10 ms',
    );
  }
  const namespace = measured.find((shape) => shape.name === 'namespace')?.times ?? [];
  results.row(
    'baseline: one sandbox API server, a page of 100 pods of a namespace (GET …/pods?limit=100)',
    `${timing(baseline)}; Portolan's namespace page over ${clusterCount} clusters took ${(percentile(namespace, 50) / percentile(baseline, 50)).toFixed(2)}× its p50 and ${(percentile(namespace, 99) / percentile(baseline, 99)).toFixed(2)}× its p99`,
  );
  results.row(
    'resident memory of the process (server, sync and this benchmark; the search client runs apart)',
    mib(process.memoryUsage().rss),
  );
  await results.publish(
    `Search (real pods, ${clusterCount} sandboxes, ${databaseUrl ? 'PostgreSQL' : 'SQLite'})`,
    `node bench/real-pods.bench.ts --clusters ${clusterCount} --pods ${podCount} --runs ${runs}${databaseUrl ? ' --database-url postgresql://…' : ''}`,
    'measure (HTTP API)',
  );
} finally {
  await harness?.stop();
  for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
