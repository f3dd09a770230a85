/**
 * Two replicas on one PostgreSQL database: a cluster registered on one is known to the other within
 * seconds (so its lease can move there), and a cluster removed through either stops syncing
 * everywhere, its rows gone.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ReplicaList } from '@portolan/api';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

const { binDir, clusters: sandboxes } = sharedSandboxes();
const [sandbox] = sandboxes;
if (!sandbox) throw new Error('the shared sandboxes are missing');
const ns = uniqueNamespace('registry-replicas');
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
const NAME = 'moving-cluster';

let a: Harness;
let b: Harness;
let clusterId = '';

const configMapCount = async (replica: Harness) =>
  (
    await replica.portolan.store.resources.search({
      clusterIds: [clusterId],
      types: [CONFIGMAPS],
      namespaces: [ns],
      limit: 100,
      objects: 'none',
    })
  ).items
    // Every namespace also holds the cluster's CA bundle, kube-root-ca.crt.
    .filter((item) => item.name !== 'kube-root-ca.crt').length;

/** Which replicas sync the cluster now. */
const syncers = () => [a, b].filter((replica) => replica.portolan.sync.status(clusterId) !== undefined);

before(async () => {
  await kubectlOk(binDir, sandbox.kubeconfig, ['create', 'namespace', ns]);
  for (const name of ['one', 'two', 'three'])
    await kubectlOk(binDir, sandbox.kubeconfig, ['create', 'configmap', name, '-n', ns]);
  a = await startHarness({ store: 'postgres' });
  // The second shares the first's database and encryption key (its data directory); it starts
  // before the cluster exists, so it learns of it only from the store.
  b = await startHarness({ store: 'postgres', dataDir: a.dataDir });
});

after(async () => {
  await b?.stop();
  await a?.stop({ removeData: true });
  await kubectlOk(binDir, sandbox.kubeconfig, ['delete', 'namespace', ns, '--wait=false']).catch(
    () => undefined,
  );
});

test('a cluster registered on one replica is synced and shown by the other’s /api/v1/replicas within seconds', async () => {
  ({ id: clusterId } = await a.register(NAME, sandbox.kubeconfig));
  await eventually(
    'the other replica opened the cluster',
    async () => b.portolan.clusters.clientOf(clusterId),
    10_000,
  );
  await eventually('its ConfigMaps synced by one replica', async () =>
    syncers().length === 1 && (await configMapCount(b)) === 3 ? true : undefined,
  );
  const answer = await b.call<ReplicaList>('GET', '/api/v1/replicas');
  assert.equal(answer.status, 200);
  const owners = answer.body.items.filter((item) =>
    item.owns.some((held) => held.kind === 'cluster' && held.target === NAME),
  );
  assert.equal(owners.length, 1, JSON.stringify(answer.body.items));
});

test('when the replica that registered it stops renewing, the other takes the cluster', async () => {
  // A offered it first (at registration), so A holds its lease; B knows it and waits.
  assert.deepEqual(a.portolan.work.ownedClusters(), [clusterId]);
  const [frozen, taker] = [a, b];
  frozen.portolan.work.halt();
  await kubectlOk(binDir, sandbox.kubeconfig, ['create', 'configmap', 'four', '-n', ns]);
  await eventually(
    'the other replica took the cluster',
    async () => (taker.portolan.work.ownedClusters().includes(clusterId) ? true : undefined),
    35_000,
  );
  await eventually('the new ConfigMap synced by the taker', async () =>
    (await configMapCount(taker)) === 4 ? true : undefined,
  );
  // The frozen replica's next round finds its lease gone and stops its sync.
  await frozen.portolan.work.round();
  assert.deepEqual(syncers(), [taker]);
});

test('a cluster removed through one replica stops syncing on every replica and its rows go', async () => {
  const response = await fetch(`${b.url}/api/v1/clusters/${NAME}`, { method: 'DELETE', headers: b.headers });
  assert.equal(response.status, 204, await response.text());
  await eventually(
    'no replica syncs or holds a client for it',
    async () =>
      syncers().length === 0 &&
      !a.portolan.clusters.clientOf(clusterId) &&
      !b.portolan.clusters.clientOf(clusterId)
        ? true
        : undefined,
    10_000,
  );
  // Still gone a moment later: no sync came back to write its rows again.
  await kubectlOk(binDir, sandbox.kubeconfig, ['create', 'configmap', 'five', '-n', ns]);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  assert.equal(await configMapCount(a), 0);
  assert.equal(await configMapCount(b), 0);
  const answer = await a.call<ReplicaList>('GET', '/api/v1/replicas');
  assert.ok(
    !answer.body.items.some((item) =>
      item.owns.some((held) => held.target === NAME || held.target === clusterId),
    ),
    JSON.stringify(answer.body.items),
  );
});
