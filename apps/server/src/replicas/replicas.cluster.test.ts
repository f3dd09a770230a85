/**
 * Three Portolan replicas on one PostgreSQL database and the shared sandboxes (each registered
 * twice, so four member clusters): clusters spread over the replicas, one synced by exactly one of
 * them; a replica that stops renewing loses its clusters within 30 s with nothing missing
 * afterwards, and cannot write once another took over; a clean stop hands over at once.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ReplicaList } from '@portolan/api';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { recordFromObject } from '#server/store/resources/resource-record.ts';
import { FencedWriteError, fencedStore } from '#server/sync/fenced-store.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

const { binDir, clusters: sandboxes } = sharedSandboxes();
const ns = uniqueNamespace('replicas');
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };

/** The replicas still running; `started` keeps every one, so each is stopped at the end. */
let replicas: Harness[] = [];
const started: Harness[] = [];
const clusterIds = new Map<string, { id: string; kubeconfig: string }>();

const configMaps = (prefix: string, count: number) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: Array.from({ length: count }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${prefix}-${i}`, namespace: ns },
      data: { i: String(i) },
    })),
  });

/** Which running replicas sync each cluster now. */
function syncers(running: Harness[]): Map<string, Harness[]> {
  const result = new Map<string, Harness[]>();
  for (const { id } of clusterIds.values())
    result.set(
      id,
      running.filter((replica) => replica.portolan.sync.status(id) !== undefined),
    );
  return result;
}

/** The ConfigMaps of the test namespace as the store has them and as the cluster has them. */
async function compare(replica: Harness, cluster: { id: string; kubeconfig: string }) {
  const live = JSON.parse(
    await kubectlOk(binDir, cluster.kubeconfig, ['get', 'configmaps', '-n', ns, '-o', 'json']),
  ) as { items: Array<{ metadata: { name: string; resourceVersion: string } }> };
  const stored = await replica.portolan.store.resources.search({
    clusterIds: [cluster.id],
    types: [CONFIGMAPS],
    namespaces: [ns],
    limit: 1000,
    objects: 'none',
  });
  const want = new Map(live.items.map((item) => [item.metadata.name, item.metadata.resourceVersion]));
  const have = new Map(stored.items.map((item) => [item.name, item.resourceVersion]));
  return {
    missing: [...want.keys()].filter((name) => !have.has(name)),
    extra: [...have.keys()].filter((name) => !want.has(name)),
    stale: [...want]
      .filter(([name, version]) => have.has(name) && have.get(name) !== version)
      .map(([n]) => n),
  };
}

before(async () => {
  for (const sandbox of sandboxes) {
    await kubectlOk(binDir, sandbox.kubeconfig, ['create', 'namespace', ns]);
    await kubectlOk(binDir, sandbox.kubeconfig, ['apply', '-f', '-'], { input: configMaps('before', 30) });
  }
  const first = await startHarness({ store: 'postgres' });
  replicas = [first];
  started.push(first);
  for (const [i, sandbox] of sandboxes.entries())
    for (const copy of ['x', 'y']) {
      const name = `replica-${i}-${copy}`;
      const { id } = await first.register(name, sandbox.kubeconfig);
      clusterIds.set(name, { id, kubeconfig: sandbox.kubeconfig });
    }
  // The others share the first's database and encryption key (its data directory).
  for (let i = 0; i < 2; i++) {
    const replica = await startHarness({ store: 'postgres', dataDir: first.dataDir });
    replicas.push(replica);
    started.push(replica);
  }
});

after(async () => {
  for (const replica of started.slice(1).filter((r) => replicas.includes(r))) await replica.stop();
  await started[0]?.stop({ removeData: true });
  for (const sandbox of sandboxes)
    await kubectlOk(binDir, sandbox.kubeconfig, ['delete', 'namespace', ns, '--wait=false']).catch(
      () => undefined,
    );
});

test('clusters spread over the replicas, each synced by exactly one, as GET /api/v1/replicas shows', async () => {
  const share = Math.ceil(clusterIds.size / replicas.length);
  await eventually(
    'every cluster synced by one replica, none over its share',
    async () => {
      const owners = syncers(replicas);
      const counts = replicas.map((replica) => replica.portolan.work.ownedClusters().length);
      if ([...owners.values()].some((list) => list.length !== 1)) return undefined;
      return counts.every((count) => count <= share && count > 0) ? true : undefined;
    },
    40_000,
  );
  const answer = await replicas[1]!.call<ReplicaList>('GET', '/api/v1/replicas');
  assert.equal(answer.status, 200);
  assert.equal(answer.body.items.length, 3);
  assert.equal(answer.body.items.filter((item) => item.self).length, 1);
  const ownedClusters = answer.body.items.flatMap((item) =>
    item.owns.filter((held) => held.kind === 'cluster').map((held) => held.target),
  );
  assert.deepEqual(ownedClusters.sort(), [...clusterIds.keys()].sort());
  const jobs = answer.body.items.flatMap((item) => item.owns.filter((held) => held.kind === 'job'));
  // Each singleton job is held by exactly one replica.
  assert.deepEqual(jobs.map((job) => job.target).sort(), [
    'alert-evaluator',
    'alert-notifier',
    'backup-scheduler',
    'chart-repository-refresh',
    'health-probes',
    'housekeeping',
    'inspection-scheduler',
    'job-sweep',
    'lifecycle',
    'metrics-engine',
    'multicluster-services',
    'propagation-controller',
    'terminal-sweep',
  ]);
  for (const held of answer.body.items.flatMap((item) => item.owns))
    assert.ok(Date.parse(held.since) <= Date.now(), `${held.lease} since ${held.since}`);
});

test('a replica that stops renewing loses its clusters within 30 s, with 0 missing, extra or stale objects; its late writes are refused', async () => {
  // The last replica freezes: no more renewals (as a killed or SIGSTOPped process), nothing released.
  const frozen = replicas[2]!;
  const others = replicas.slice(0, 2);
  const theirs = frozen.portolan.work.ownedClusters();
  assert.ok(theirs.length > 0, 'the frozen replica owned some clusters');
  const fences = new Map(theirs.map((id) => [id, frozen.portolan.work.fence(id)!]));
  frozen.portolan.work.halt();
  const frozeAt = Date.now();
  // Changes while no one is sure who syncs them: added, changed and deleted objects.
  for (const sandbox of sandboxes) {
    await kubectlOk(binDir, sandbox.kubeconfig, ['apply', '-f', '-'], { input: configMaps('during', 10) });
    await kubectlOk(binDir, sandbox.kubeconfig, ['delete', 'configmap', '-n', ns, 'before-0', 'before-1']);
    await kubectlOk(binDir, sandbox.kubeconfig, ['label', 'configmap', '-n', ns, 'before-2', 'changed=yes']);
  }
  const tookMs = await eventually(
    'the frozen replica’s clusters taken by the others',
    async () => {
      const owners = syncers(others);
      return theirs.every((id) => owners.get(id)?.length === 1) ? Date.now() - frozeAt : undefined;
    },
    35_000,
  );
  assert.ok(tookMs < 30_000, `taken over after ${tookMs} ms`);
  for (const [name, cluster] of clusterIds) {
    const result = await eventually(
      `${name} in step in the store`,
      async () => {
        const diff = await compare(others[0]!, cluster);
        return diff.missing.length + diff.extra.length + diff.stale.length === 0 ? diff : undefined;
      },
      30_000,
    );
    assert.deepEqual(result, { missing: [], extra: [], stale: [] });
  }
  // The frozen replica wakes: a write under its old lease generation is refused and changes nothing.
  const [clusterId, fence] = [...fences][0]!;
  assert.equal(await fence.holds(), false);
  let refused = false;
  const stale = fencedStore(frozen.portolan.store, clusterId, fence, () => {
    refused = true;
  });
  const ghost = recordFromObject(CONFIGMAPS, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'ghost', namespace: ns, uid: 'ghost-uid', resourceVersion: '1' },
  });
  await assert.rejects(
    stale.resources.applyChanges(clusterId, [{ type: 'upsert', record: ghost }]),
    FencedWriteError,
  );
  assert.ok(refused);
  assert.equal(
    await frozen.portolan.store.resources.get(clusterId, { ...CONFIGMAPS, namespace: ns, name: 'ghost' }),
    undefined,
  );
  // Its next round finds its leases gone and stops its syncs.
  await frozen.portolan.work.round();
  assert.deepEqual(frozen.portolan.work.ownedClusters(), []);
  assert.deepEqual(frozen.portolan.sync.statuses(), []);
  await frozen.stop();
  replicas = others;
});

test('a clean stop hands its clusters over at once, well before a lease would expire', async () => {
  const leaving = replicas.at(-1)!;
  const staying = replicas.filter((replica) => replica !== leaving);
  const theirs = leaving.portolan.work.ownedClusters();
  assert.ok(theirs.length > 0, 'the leaving replica owned some clusters');
  const stoppedAt = Date.now();
  await leaving.stop();
  replicas = staying;
  const tookMs = await eventually(
    'the stopped replica’s clusters taken',
    async () => {
      const owners = syncers(staying);
      return theirs.every((id) => owners.get(id)?.length === 1) ? Date.now() - stoppedAt : undefined;
    },
    20_000,
    100,
  );
  // One renew interval (5 s) at most, against the 20 s a lease lasts.
  assert.ok(tookMs <= 6_000, `taken over after ${tookMs} ms`);
});
