/**
 * The cluster lifecycle through the HTTP API of a real Portolan server over real sandboxes (issue #15):
 * a cluster created on v1.36.1 is registered and syncing; an upgrade whose control-plane step fails
 * (etcd killed under it) stops there with the reason and both ways on; rolling back brings back the
 * pre-upgrade data (an object written after the snapshot is gone); an upgrade that fails the same way
 * and is resumed after the cause is fixed ends on v1.36.3 with every object as it was, the nodes on
 * v1.36.3 and the Deployment available. Downgrades are refused; imported clusters are never touched;
 * a namespace-level user neither sees nor changes lifecycle routes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ManagedCluster, Operation } from '@portolan/api';
import { eventually } from '@portolan/sandbox/testing';
import { addMember } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import {
  clientOf,
  create,
  killEtcd,
  objectsOf,
  removeSandbox,
  stepsOf,
  waitOperation,
} from './testing/lifecycle-calls.ts';

const NAME = `lc-${process.pid}`;
const NS = 'shop';
const FROM = 'v1.36.1';
/** The patch release to upgrade to (PORTOLAN_LIFECYCLE_TEST_TO picks another, e.g. the next minor). */
const TO = process.env.PORTOLAN_LIFECYCLE_TEST_TO ?? 'v1.36.3';
let harness: Harness;

before(async () => {
  harness = await startHarness();
});

after(async () => {
  await removeSandbox(harness, NAME);
  await harness?.stop({ removeData: true });
});

/** Starts an upgrade to TO, kills etcd as the control plane restarts, and answers the failed operation. */
async function failingUpgrade(): Promise<Operation> {
  const started = await harness.call<Operation>('POST', `/api/v1/lifecycle/clusters/${NAME}/upgrade`, {
    version: TO,
  });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  await waitOperation(
    harness,
    started.body.id,
    (op) => op.steps.some((s) => s.id === 'control-plane' && s.state === 'running') || op.state !== 'running',
  );
  await killEtcd(harness, NAME);
  const failed = await waitOperation(harness, started.body.id);
  assert.equal(failed.state, 'failed', stepsOf(failed));
  return failed;
}

test(`create on ${FROM}, fail and roll back, fail and resume to ${TO}: every object survives`, {
  timeout: 1_500_000,
}, async () => {
  const created = await harness.call<Operation>('POST', '/api/v1/lifecycle/clusters', {
    name: NAME,
    version: FROM,
    nodePools: [{ name: 'default', count: 2, cpu: '4', memory: '8Gi' }],
  });
  assert.equal(created.status, 202, JSON.stringify(created.body));
  const done = await waitOperation(harness, created.body.id);
  assert.equal(done.state, 'succeeded', stepsOf(done));
  assert.deepEqual(
    done.steps.map((s) => s.id),
    ['validate', 'prepare-version', 'create', 'wait-ready', 'register'],
  );
  const registered = await harness.call<{ labels: Record<string, string> }>(
    'GET',
    `/api/v1/clusters/${NAME}`,
  );
  assert.equal(registered.body.labels['portolan.dev/managed-by'], 'lifecycle');
  assert.equal(registered.body.labels['portolan.dev/provider'], 'sandbox');
  const taken = await harness.call('POST', '/api/v1/lifecycle/clusters', { name: NAME });
  assert.equal(taken.status, 409);

  // A workload: Deployment + ConfigMap + Service.
  const client = await clientOf(harness, NAME);
  await create(client, '/api/v1/namespaces', { metadata: { name: NS } });
  await create(client, `/api/v1/namespaces/${NS}/configmaps`, {
    metadata: { name: 'settings' },
    data: { colour: 'teal' },
  });
  await create(client, `/api/v1/namespaces/${NS}/services`, {
    metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
  });
  await create(client, `/apis/apps/v1/namespaces/${NS}/deployments`, {
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'registry.example/web:1.0' }] },
      },
    },
  });
  await eventually('the Deployment is available', async () => {
    const d = await client.get<{ status?: { availableReplicas?: number } }>(
      `/apis/apps/v1/namespaces/${NS}/deployments/web`,
    );
    return d.status?.availableReplicas === 2 ? true : undefined;
  });
  const before = await objectsOf(client, NS);

  // Upgrade 1: the control-plane step fails; roll back; a write after the snapshot is gone.
  const first = await failingUpgrade();
  assert.equal(first.failure?.step, 'control-plane', stepsOf(first));
  assert.ok(first.failure?.reason, 'the failure says why');
  assert.equal(first.canResume, true);
  assert.equal(first.canRollback, true);
  assert.ok(first.snapshotId);
  await harness.portolan.sandboxes.start(NAME);
  const fresh = await clientOf(harness, NAME);
  await eventually('the API server answers again', async () =>
    (await fresh.request({ path: '/readyz' })).status === 200 ? true : undefined,
  );
  await create(fresh, `/api/v1/namespaces/${NS}/configmaps`, {
    metadata: { name: 'written-after-snapshot' },
    data: { a: 'b' },
  });
  const rolled = await harness.call<Operation>('POST', `/api/v1/lifecycle/operations/${first.id}/rollback`);
  assert.equal(rolled.status, 202, JSON.stringify(rolled.body));
  const back = await waitOperation(harness, first.id);
  assert.equal(back.state, 'rolled-back', stepsOf(back));
  const afterRollback = await clientOf(harness, NAME);
  const gone = await afterRollback.request({
    path: `/api/v1/namespaces/${NS}/configmaps/written-after-snapshot`,
  });
  assert.equal(gone.status, 404, 'the object written after the snapshot is gone');
  assert.equal(await objectsOf(afterRollback, NS), before);
  assert.equal(
    (await harness.call<ManagedCluster>('GET', `/api/v1/lifecycle/clusters/${NAME}`)).body.version,
    FROM,
  );

  // Upgrade 2: fails the same way; the cause fixed, resume ends it.
  const second = await failingUpgrade();
  assert.equal(second.failure?.step, 'control-plane', stepsOf(second));
  await harness.portolan.sandboxes.start(NAME);
  const resumed = await harness.call<Operation>('POST', `/api/v1/lifecycle/operations/${second.id}/resume`);
  assert.equal(resumed.status, 202, JSON.stringify(resumed.body));
  const upgraded = await waitOperation(harness, second.id);
  assert.equal(upgraded.state, 'succeeded', stepsOf(upgraded));
  const kube = await clientOf(harness, NAME);
  assert.equal(await objectsOf(kube, NS), before, 'names, specs and data as before the upgrade');
  const nodes = await kube.list<{ status: { nodeInfo: { kubeletVersion: string } } }>('/api/v1/nodes');
  assert.deepEqual([...new Set(nodes.items.map((n) => n.status.nodeInfo.kubeletVersion))], [TO]);
  const web = await kube.get<{ status?: { availableReplicas?: number } }>(
    `/apis/apps/v1/namespaces/${NS}/deployments/web`,
  );
  assert.equal(web.status?.availableReplicas, 2);
  const view = await harness.call<ManagedCluster>('GET', `/api/v1/lifecycle/clusters/${NAME}`);
  assert.equal(view.body.version, TO);
  assert.ok(
    view.body.nodes.every((n) => n.version === TO),
    JSON.stringify(view.body.nodes),
  );

  // No way down; no skipping (v1.36.1 from v1.36.3 is a downgrade).
  const down = await harness.call<{ error: { field: string; message: string } }>(
    'POST',
    `/api/v1/lifecycle/clusters/${NAME}/upgrade`,
    { version: FROM },
  );
  assert.equal(down.status, 400);
  assert.equal(down.body.error.field, 'version');
  assert.match(down.body.error.message, /downgrades are refused/);
});

test('imported clusters are never touched; a namespace-level user cannot see or use lifecycle routes', {
  timeout: 120_000,
}, async () => {
  const info = await harness.portolan.sandboxes.get(NAME);
  await harness.register(`imported-${process.pid}`, info.kubeconfigPath);
  const imported = await harness.call<{ error: { message: string } }>(
    'POST',
    `/api/v1/lifecycle/clusters/imported-${process.pid}/upgrade`,
    { version: TO },
  );
  assert.equal(imported.status, 404);
  assert.match(imported.body.error.message, /imported, not created by Portolan/);
  const member = await addMember(harness, `lc-ns-${process.pid}`, 'Admin', {
    level: 'namespace',
    cluster: NAME,
    namespace: NS,
  });
  const { token } = await member.newToken();
  for (const [method, url] of [
    ['GET', '/api/v1/lifecycle/clusters'],
    ['GET', `/api/v1/lifecycle/clusters/${NAME}`],
    ['POST', `/api/v1/lifecycle/clusters/${NAME}/snapshots`],
    ['GET', '/api/v1/lifecycle/operations'],
  ] as const) {
    const answer = await fetch(`${harness.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(answer.status, 403, `${method} ${url}`);
  }
});
