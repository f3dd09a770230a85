import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sharedSandboxes } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

// The console's "Create a sandbox cluster" button: one request makes a real sandbox, registers it
// and fills it, and every object then reads back live through Portolan's own API.
const { binDir } = sharedSandboxes();
let harness: Harness;
before(async () => {
  process.env.PORTOLAN_SANDBOX_BIN ??= binDir;
  harness = await startHarness();
});
after(async () => {
  await harness.call('DELETE', '/api/v1/clusters/demo-one').catch(() => undefined);
  await harness.call('DELETE', '/api/v1/sandboxes/demo-one').catch(() => undefined);
  await harness.stop({ removeData: true });
});

interface Answer {
  sandbox: { name: string; status: string; readyMs: number };
  cluster: { name: string; labels: Record<string, string> };
  demo: { failed: number; objects: { kind: string; namespace?: string; name: string; outcome: string }[] };
  error?: { code: string; field?: string; message: string };
}

test('one request creates a sandbox, registers it as a cluster and fills it with the demo', async () => {
  const created = await harness.call<Answer>('POST', '/api/v1/sandboxes', {
    name: 'demo-one',
    nodes: 2,
    demo: true,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { sandbox, cluster, demo } = created.body;
  assert.equal(sandbox.status, 'running');
  assert.equal(cluster.name, 'demo-one');
  assert.equal(cluster.labels['portolan.dev/sandbox'], 'true');
  assert.equal(demo.failed, 0, JSON.stringify(demo.objects.filter((object) => object.outcome !== 'created')));
  const kinds = new Set(demo.objects.map((object) => object.kind));
  for (const kind of [
    'Namespace',
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'Job',
    'CronJob',
    'Service',
    'Ingress',
    'ConfigMap',
    'Secret',
    'PersistentVolumeClaim',
  ])
    assert.ok(kinds.has(kind), `the demo makes a ${kind}`);
  const services = demo.objects.filter((object) => object.kind === 'Service').map((object) => object.name);
  assert.ok(services.includes('web') && services.includes('web-nodeport'));

  // The objects are really there, read live from the member cluster through the resource API.
  const web = await harness.call<{ spec: { replicas: number } }>(
    'GET',
    '/api/v1/clusters/demo-one/resources/deployments/web?namespace=demo-shop',
  );
  assert.equal(web.status, 200, JSON.stringify(web.body));
  assert.equal(web.body.spec.replicas, 3);
  const nodePort = await harness.call<{ spec: { type: string } }>(
    'GET',
    '/api/v1/clusters/demo-one/resources/services/web-nodeport?namespace=demo-shop',
  );
  assert.equal(nodePort.body.spec.type, 'NodePort');
  const cron = await harness.call(
    'GET',
    '/api/v1/clusters/demo-one/resources/cronjobs/nightly-report?namespace=demo-batch',
  );
  assert.equal(cron.status, 200);
  // The cluster is registered and healthy: it shows in the cluster list like any other.
  const clusters = await harness.call<{ items: { name: string }[] }>('GET', '/api/v1/clusters');
  assert.ok(clusters.body.items.some((item) => item.name === 'demo-one'));

  // A second sandbox under a registered cluster's name is refused at once, naming the field.
  const again = await harness.call<Answer>('POST', '/api/v1/sandboxes', { name: 'demo-one', register: true });
  assert.equal(again.status, 409);
  assert.equal(again.body.error?.field, 'name');
  assert.match(again.body.error?.message ?? '', /choose another sandbox name/);
});
