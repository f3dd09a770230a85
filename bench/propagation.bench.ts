/**
 * Multi-cluster application benchmarks (issue #12) against real sandbox clusters and a real server:
 * - change → applied on every cluster: one Propagation (a Namespace, a ConfigMap and a Deployment
 *   to every cluster) changed M times; each member cluster is watched until the new generation is
 *   on each object; p50/p99. Baseline in the same run: `kubectl apply` of the same objects to the
 *   clusters one after the other;
 * - failover: one sandbox stopped (failover on, 10 s grace) → its replicas Ready on the others.
 *
 *   node bench/propagation.bench.ts [--clusters 10] [--changes 20]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PropagationDocument, PropagationEventPage, PropagationView } from '@portolan/api';
import { createSandboxManager, findSandboxBinaries, type SandboxInfo } from '@portolan/sandbox';
import { eventually, kubectlOk } from '@portolan/sandbox/testing';
import type { KubeClient } from '../apps/server/src/kube/kube-client.ts';
import type { KubeObject } from '../apps/server/src/resources/kube-object.ts';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { adminClient } from '../apps/server/src/testing/sandbox-clients.ts';
import { endpointOf, send } from './kube-endpoint.ts';
import { createResults, percentile } from './report.ts';

const { values } = parseArgs({ options: { clusters: { type: 'string' }, changes: { type: 'string' } } });
const clusterCount = Number(values.clusters ?? '10');
const changes = Number(values.changes ?? '20');
const GRACE_SECONDS = 10;
const PER_CLUSTER = 2;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);
const row = results.row;
const ms = (values: number[], p: number) => `${percentile(values, p)} ms`;
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-propagation-bench-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
let harness: Awaited<ReturnType<typeof startHarness>> | undefined;
const clients: KubeClient[] = [];
const stopWatching = new AbortController();

/** The objects propagated (and, in namespace `kubectl`, applied by kubectl), at change `rev`. */
function objects(namespace: string, rev: number): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace },
      data: { rev: String(rev) },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace },
      spec: {
        replicas: PER_CLUSTER * clusterCount,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' }, annotations: { rev: String(rev) } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
        },
      },
    },
  ];
}

/** Where each object is server-side applied straight to a member's API (the floor baseline). */
function applyRoute(object: KubeObject): string {
  const name = object.metadata?.name as string;
  const namespace = object.metadata?.namespace as string;
  const query = '?fieldManager=bench-floor&force=true';
  if (object.kind === 'Namespace') return `/api/v1/namespaces/${name}${query}`;
  if (object.kind === 'ConfigMap') return `/api/v1/namespaces/${namespace}/configmaps/${name}${query}`;
  return `/apis/apps/v1/namespaces/${namespace}/deployments/${name}${query}`;
}

/** The 1-minute load average over the cores, for the context of every figure. */
const load = () => `load ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} cores`;

const names = Array.from({ length: clusterCount }, (_, i) => `prop-${i}`);
function documentAt(rev: number): PropagationDocument {
  return {
    apiVersion: 'portolan.dev/v1',
    kind: 'Propagation',
    metadata: { name: 'bench' },
    spec: {
      includeDependencies: true,
      suspended: false,
      templates: objects('bench', rev) as Record<string, unknown>[],
      placement: {
        clusters: { labelSelector: 'bench=propagation' },
        replicas: { mode: 'Weighted', weights: [{ labelSelector: 'bench=propagation', weight: 1 }] },
      },
      failover: { enabled: true, graceSeconds: GRACE_SECONDS },
    },
  };
}

/**
 * The highest propagation generation seen on each cluster for each watched kind, and the moment it
 * arrived, kept current by one watch per cluster and kind.
 */
const seen = new Map<string, { generation: number; at: number }>();
const GENERATION = 'portolan.dev/propagation-generation';
function watchGenerations(client: KubeClient, cluster: string, resource: string): void {
  const route =
    resource === 'deployments'
      ? '/apis/apps/v1/namespaces/bench/deployments'
      : '/api/v1/namespaces/bench/configmaps';
  (async () => {
    while (!stopWatching.signal.aborted) {
      try {
        for await (const event of client.watch<KubeObject>(route, {
          signal: stopWatching.signal,
          timeoutSeconds: 300,
        })) {
          const generation = Number(event.object.metadata?.annotations?.[GENERATION] ?? 0);
          const key = `${cluster}/${resource}`;
          if (generation > (seen.get(key)?.generation ?? 0)) seen.set(key, { generation, at: Date.now() });
        }
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  })();
}

/** Resolves with the moments the first and the last cluster had `generation` on both objects. */
function appliedEverywhere(generation: number, timeoutMs = 60_000): Promise<{ first: number; last: number }> {
  return eventually(
    `generation ${generation} on every cluster`,
    async () => {
      const times: number[] = [];
      for (const cluster of names) {
        let at = 0;
        for (const resource of ['configmaps', 'deployments']) {
          const entry = seen.get(`${cluster}/${resource}`);
          if (!entry || entry.generation < generation) return undefined;
          at = Math.max(at, entry.at);
        }
        times.push(at);
      }
      return { first: Math.min(...times), last: Math.max(...times) };
    },
    timeoutMs,
    10,
  );
}

async function put(rev: number): Promise<PropagationView> {
  const answer = await harness?.call<PropagationView>('PUT', '/api/v1/propagations/bench', documentAt(rev));
  if (!answer || answer.status >= 300)
    throw new Error(`PUT answered ${answer?.status}: ${JSON.stringify(answer?.body)}`);
  return answer.body;
}

async function deploymentOn(client: KubeClient): Promise<{ desired: number; ready: number } | undefined> {
  try {
    const web = await client.get<{ spec: { replicas: number }; status?: { readyReplicas?: number } }>(
      '/apis/apps/v1/namespaces/bench/deployments/web',
    );
    return { desired: web.spec.replicas, ready: web.status?.readyReplicas ?? 0 };
  } catch {
    return undefined;
  }
}

try {
  const infos: SandboxInfo[] = [];
  const created = Date.now();
  for (const name of names) infos.push((await sandboxes.create({ name, nodes: 1 })).sandbox);
  log(`${clusterCount} sandboxes (1 node each) in ${seconds(Date.now() - created)}`);
  for (const info of infos) clients.push(await adminClient(info.kubeconfigPath));

  // Baseline: kubectl apply of the same objects, cluster after cluster, once per change.
  const manifests = path.join(dataDir, 'kubectl.json');
  const kubectlTimes: number[] = [];
  for (let rev = 0; rev <= changes; rev++) {
    await writeFile(
      manifests,
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects('kubectl', rev) }),
    );
    const started = performance.now();
    for (const info of infos) await kubectlOk(binDir, info.kubeconfigPath, ['apply', '-f', manifests]);
    if (rev > 0) kubectlTimes.push(Math.round(performance.now() - started));
  }

  // Floor: the same objects server-side applied straight to every member at once (objects in order
  // per cluster), no kubectl process and no Portolan: what the member API servers themselves take.
  const endpoints = await Promise.all(infos.map((info) => endpointOf(info.kubeconfigPath)));
  const floorTimes: number[] = [];
  for (let rev = 0; rev <= changes; rev++) {
    const started = performance.now();
    await Promise.all(
      endpoints.map(async (endpoint) => {
        for (const object of objects('floor', rev)) {
          const status = await send(
            endpoint,
            'PATCH',
            applyRoute(object),
            object,
            'application/apply-patch+yaml',
          );
          if (status >= 300) throw new Error(`a server-side apply answered ${status}`);
        }
      }),
    );
    if (rev > 0) floorTimes.push(Math.round(performance.now() - started));
  }
  const baselineLoad = load();

  harness = await startHarness();
  for (const name of names) {
    const info = infos[names.indexOf(name)] as SandboxInfo;
    await harness.register(name, info.kubeconfigPath, { bench: 'propagation' });
  }
  for (const [i, client] of clients.entries()) {
    watchGenerations(client, names[i] as string, 'configmaps');
    watchGenerations(client, names[i] as string, 'deployments');
  }
  const first = performance.now();
  let view = await put(0);
  await appliedEverywhere(view.generation, 180_000);
  row(`first apply of a new Propagation to ${clusterCount} clusters`, seconds(performance.now() - first));

  const latencies: number[] = [];
  const firsts: number[] = [];
  const answers: number[] = [];
  for (let rev = 1; rev <= changes; rev++) {
    const sent = Date.now();
    view = await put(rev);
    answers.push(Date.now() - sent);
    const { first, last } = await appliedEverywhere(view.generation);
    latencies.push(last - sent);
    firsts.push(first - sent);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const ratio = (baseline: number[]) => (percentile(latencies, 50) / percentile(baseline, 50)).toFixed(2);
  row(
    `change → applied on all ${clusterCount} clusters (${changes} changes of a ConfigMap and a Deployment; ${load()})`,
    `p50 ${ms(latencies, 50)}, p99 ${ms(latencies, 99)}; PUT answered p50 ${ms(answers, 50)}, first cluster p50 ${ms(firsts, 50)}`,
    'p99 < 1 s (Karmada publishes 1.3 s)',
  );
  row(
    `baseline: kubectl apply of the same objects to the ${clusterCount} clusters one after the other`,
    `p50 ${ms(kubectlTimes, 50)}, p99 ${ms(kubectlTimes, 99)} (Portolan p50 is ${ratio(kubectlTimes)}× of it)`,
  );
  row(
    `floor: the same server-side applies sent straight to all ${clusterCount} API servers at once (${baselineLoad})`,
    `p50 ${ms(floorTimes, 50)}, p99 ${ms(floorTimes, 99)} (Portolan p50 is ${ratio(floorTimes)}× of it)`,
  );

  // Failover: every cluster Ready with its share, then one stopped.
  const total = PER_CLUSTER * clusterCount;
  await eventually(
    `${total} replicas Ready`,
    async () => {
      const counts = await Promise.all(clients.map(deploymentOn));
      return counts.every((count) => count?.ready === PER_CLUSTER) ? true : undefined;
    },
    180_000,
    250,
  );
  const stopped = names[clusterCount - 1] as string;
  // Timed from the moment the stop is asked for (stopping its processes takes a second or two).
  const stoppedAt = performance.now();
  const stoppedWall = Date.now();
  await sandboxes.stop(stopped);
  let movedAt: number | undefined;
  await eventually(
    `${total} replicas Ready without ${stopped}`,
    async () => {
      const counts = await Promise.all(clients.slice(0, -1).map(deploymentOn));
      const ready = counts.reduce((sum, count) => sum + (count?.ready ?? 0), 0);
      const desired = counts.reduce((sum, count) => sum + (count?.desired ?? 0), 0);
      if (desired === total && movedAt === undefined) movedAt = performance.now();
      return ready >= total && desired === total ? true : undefined;
    },
    120_000,
    100,
  );
  const failoverMs = performance.now() - stoppedAt;
  // What the controller did meanwhile, as its events tell it (to see where the time went).
  const events = await harness.call<PropagationEventPage>(
    'GET',
    '/api/v1/propagations/bench/events?limit=100',
  );
  const after = (reason: string) => {
    const event = events.body.items.findLast((e) => e.reason === reason && Date.parse(e.time) >= stoppedWall);
    return event ? seconds(Date.parse(event.time) - stoppedWall) : 'n/a';
  };
  for (const event of events.body.items.toReversed()) {
    const at = Date.parse(event.time) - stoppedWall;
    if (at >= 0) log(`  +${seconds(at)} ${event.reason} ${event.cluster ?? ''}: ${event.message}`);
  }
  row(
    `failover: ${stopped} stopped → its ${PER_CLUSTER} replicas Ready on the other ${clusterCount - 1} (grace ${GRACE_SECONDS} s)`,
    `${seconds(failoverMs)} (${load()}): ClusterOffline event after ${after('ClusterOffline')}, ` +
      `FailoverMoved after ${after('FailoverMoved')}, replicas moved on the members after ${movedAt ? seconds(movedAt - stoppedAt) : 'n/a'}, Ready ${seconds(stoppedAt + failoverMs - (movedAt ?? stoppedAt))} later`,
    `≤ grace + 30 s`,
  );
  await results.publish(
    `Propagation (${clusterCount} sandboxes)`,
    `node bench/propagation.bench.ts --clusters ${clusterCount} --changes ${changes}`,
  );
} finally {
  stopWatching.abort();
  for (const client of clients) client.close();
  await harness?.stop({ removeData: true }).catch(() => undefined);
  for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
