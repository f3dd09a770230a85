/**
 * Multi-cluster Services benchmark (issue #12): how soon an imported Service's endpoints follow the
 * exporting cluster's pods. Two sandboxes and a real server; a Deployment and its Service on A,
 * imported into B. The Deployment is scaled between 1 and 4 replicas R times; each time, A's own
 * EndpointSlice (Kubernetes' EndpointSlice controller: the baseline, measured in the same run) and
 * B's imported slice are watched until they hold that many ready endpoints.
 *
 *   node bench/multicluster-services.bench.ts [--rounds 20]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSandboxManager, findSandboxBinaries } from '@portolan/sandbox';
import { eventually, kubectlOk } from '@portolan/sandbox/testing';
import type { KubeClient } from '../apps/server/src/kube/kube-client.ts';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { adminClient } from '../apps/server/src/testing/sandbox-clients.ts';
import { createResults, percentile } from './report.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string' } } });
const rounds = Number(values.rounds ?? '20');
const NS = 'bench-mcs';
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);
const ms = (list: number[], p: number) => `${Math.round(percentile(list, p))} ms`;

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-mcs-bench-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
let harness: Awaited<ReturnType<typeof startHarness>> | undefined;
const clients: KubeClient[] = [];
const stopWatching = new AbortController();

interface Slice {
  metadata?: { name?: string };
  endpoints?: Array<{ conditions?: { ready?: boolean } }>;
}

/** Ready endpoints over the slices of one Service, kept current by a watch; `changed` says when. */
function watchReady(client: KubeClient, service: string) {
  const bySlice = new Map<string, number>();
  const state = { ready: 0, changedAt: 0 };
  (async () => {
    while (!stopWatching.signal.aborted) {
      try {
        for await (const event of client.watch<Slice>(
          `/apis/discovery.k8s.io/v1/namespaces/${NS}/endpointslices`,
          {
            labelSelector: `kubernetes.io/service-name=${service}`,
            signal: stopWatching.signal,
            timeoutSeconds: 300,
          },
        )) {
          const name = event.object.metadata?.name ?? '';
          if (event.type === 'DELETED') bySlice.delete(name);
          else bySlice.set(name, (event.object.endpoints ?? []).filter((e) => e.conditions?.ready).length);
          const ready = [...bySlice.values()].reduce((sum, count) => sum + count, 0);
          if (ready !== state.ready) Object.assign(state, { ready, changedAt: performance.now() });
        }
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  })();
  return state;
}

try {
  const a = (await sandboxes.create({ name: 'mcs-a', nodes: 1 })).sandbox;
  const b = (await sandboxes.create({ name: 'mcs-b', nodes: 1 })).sandbox;
  const onA = (...args: string[]) => kubectlOk(binDir, a.kubeconfigPath, args);
  await onA('create', 'namespace', NS);
  await kubectlOk(binDir, b.kubeconfigPath, ['create', 'namespace', NS]);
  await onA('create', 'deployment', 'web', '--image=nginx', '--replicas=1', '--port=8080', '-n', NS);
  await onA('expose', 'deployment', 'web', '--name=web', '--port=80', '--target-port=8080', '-n', NS);
  harness = await startHarness();
  await harness.register('mcs-a', a.kubeconfigPath);
  await harness.register('mcs-b', b.kubeconfigPath);
  clients.push(await adminClient(a.kubeconfigPath), await adminClient(b.kubeconfigPath));
  const native = watchReady(clients[0] as KubeClient, 'web');
  const imported = watchReady(clients[1] as KubeClient, 'web-mcs');
  const saved = await harness.call('PUT', `/api/v1/multicluster-services/${NS}/web`, {
    apiVersion: 'portolan.dev/v1',
    kind: 'MultiClusterService',
    metadata: { namespace: NS, name: 'web' },
    spec: { importTo: { names: ['mcs-b'] } },
  });
  if (saved.status !== 201) throw new Error(`PUT answered ${saved.status}: ${JSON.stringify(saved.body)}`);
  await eventually('the first import', async () => (imported.ready === 1 ? true : undefined), 60_000, 50);

  const importMs: number[] = [];
  const nativeMs: number[] = [];
  const lagMs: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const target = round % 2 === 1 ? 4 : 1;
    const sent = performance.now();
    await onA('scale', 'deployment', 'web', `--replicas=${target}`, '-n', NS);
    const both = () => (native.ready === target && imported.ready === target ? true : undefined);
    await eventually(`${target} ready endpoints on A and B`, async () => both(), 60_000, 5);
    nativeMs.push(native.changedAt - sent);
    importMs.push(imported.changedAt - sent);
    lagMs.push(imported.changedAt - native.changedAt);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  results.row(
    `scale on A → B's imported slice holds that many ready endpoints (${rounds} scalings between 1 and 4)`,
    `p50 ${ms(importMs, 50)}, p99 ${ms(importMs, 99)}`,
    'a couple of seconds',
  );
  results.row(
    "scale on A → A's own EndpointSlice (Kubernetes' controller, same run)",
    `p50 ${ms(nativeMs, 50)}, p99 ${ms(nativeMs, 99)}`,
  );
  results.row(
    "B's import after A's own slice",
    `p50 ${ms(lagMs, 50)}, p99 ${ms(lagMs, 99)} (import p50 is ${(percentile(importMs, 50) / percentile(nativeMs, 50)).toFixed(2)}× the native slice's)`,
  );
  await results.publish(
    'Multi-cluster Services (2 sandboxes)',
    `node bench/multicluster-services.bench.ts --rounds ${rounds}`,
  );
} finally {
  stopWatching.abort();
  for (const client of clients) client.close();
  await harness?.stop({ removeData: true }).catch(() => undefined);
  for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
