import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from '@portolan/sandbox/testing';
import { type RouteTest, setUpRouteTest } from '../../testing/route-server.ts';

let t: RouteTest;
before(async () => {
  t = await setUpRouteTest('wl');
});
after(async () => {
  await t?.cleanup();
});

const workload = (kind: string, name: string) => `${t.base}/workloads/${kind}/${t.namespace}/${name}`;
const rolledOut = (path: string) =>
  eventually(`${path} rolled out`, async () =>
    (await t.send('GET', `${path}/rollout`)).body.done ? true : undefined,
  );

test('a Deployment from a form: view, scale, autoscaler, history, diff, rollback, restart, pause', async () => {
  const invalid = await t.send('POST', `${t.base}/workloads`, {
    kind: 'Deployment',
    name: 'web',
    namespace: t.namespace,
    containers: [{ name: 'main', image: '' }],
  });
  assert.equal(invalid.status, 422, JSON.stringify(invalid.body));
  assert.equal(invalid.body.error.fields[0].field, 'containers[0].image');

  const created = await t.send('POST', `${t.base}/workloads`, {
    kind: 'Deployment',
    name: 'web',
    namespace: t.namespace,
    replicas: 2,
    containers: [{ name: 'main', image: 'nginx:1.26', ports: [{ containerPort: 80 }] }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const web = workload('deployments', 'web');
  await rolledOut(web);
  const view = await t.send('GET', web);
  assert.equal(view.status, 200);
  assert.equal(view.body.health.state, 'Available');
  assert.equal(view.body.pods.length, 2);

  const scaled = await t.send('POST', `${web}/scale`, { replicas: 3 });
  assert.deepEqual(scaled.body.replicas, 3);
  const daemon = await t.send('POST', `${workload('DaemonSet', 'x')}/scale`, { replicas: 1 });
  assert.equal(daemon.status, 400);

  assert.deepEqual((await t.send('GET', `${web}/autoscaler`)).body, { autoscaler: null });
  const hpa = await t.send('PUT', `${web}/autoscaler`, {
    minReplicas: 2,
    maxReplicas: 5,
    cpuUtilization: 70,
  });
  assert.equal(hpa.status, 200, JSON.stringify(hpa.body));
  assert.equal((await t.send('GET', `${web}/autoscaler`)).body.autoscaler.maxReplicas, 5);
  assert.equal((await t.send('DELETE', `${web}/autoscaler`)).status, 204);

  await t.k('set', 'image', 'deployment/web', 'main=nginx:1.27', '-n', t.namespace);
  await eventually('revision 2', async () =>
    (await t.send('GET', `${web}/revisions`)).body.items.length === 2 ? true : undefined,
  );
  await rolledOut(web);
  const revisions = (await t.send('GET', `${web}/revisions`)).body.items;
  assert.deepEqual(
    revisions.map((entry: { images: string[]; current: boolean }) => [entry.images[0], entry.current]),
    [
      ['nginx:1.26', false],
      ['nginx:1.27', true],
    ],
  );
  const diff = await t.send('GET', `${web}/revisions/diff?from=1`);
  assert.match(diff.body.diff, /-\s+- image: nginx:1.26/);
  assert.match(diff.body.diff, /\+\s+- image: nginx:1.27/);

  const back = await t.send('POST', `${web}/rollback`, { revision: 1 });
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal(back.body.changed, true);
  assert.equal(back.body.object.spec.template.spec.containers[0].image, 'nginx:1.26');
  const missing = await t.send('POST', `${web}/rollback`, { revision: 42 });
  assert.equal(missing.status, 404);

  const restarted = await t.send('POST', `${web}/restart`, {});
  assert.ok(restarted.body.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']);
  assert.equal((await t.send('POST', `${web}/pause`)).body.spec.paused, true);
  const paused = await t.send('POST', `${web}/restart`);
  assert.equal(paused.status, 409);
  assert.equal((await t.send('POST', `${web}/resume`)).body.spec.paused, undefined);
});

test('Jobs run again; CronJobs are triggered, suspended and resumed', async () => {
  const job = await t.send('POST', `${t.base}/workloads`, {
    kind: 'Job',
    name: 'once',
    namespace: t.namespace,
    containers: [{ name: 'main', image: 'busybox:1.36', command: ['true'] }],
  });
  assert.equal(job.status, 201, JSON.stringify(job.body));
  const again = await t.send('POST', `${workload('jobs', 'once')}/rerun`, { name: 'once-again' });
  assert.equal(again.status, 201, JSON.stringify(again.body));
  assert.equal(again.body.metadata.name, 'once-again');

  const cron = await t.send('POST', `${t.base}/workloads`, {
    kind: 'CronJob',
    name: 'nightly',
    namespace: t.namespace,
    cron: { schedule: '0 3 * * *' },
    containers: [{ name: 'main', image: 'busybox:1.36' }],
  });
  assert.equal(cron.status, 201, JSON.stringify(cron.body));
  const nightly = workload('CronJob', 'nightly');
  const triggered = await t.send('POST', `${nightly}/trigger`);
  assert.equal(triggered.status, 201, JSON.stringify(triggered.body));
  assert.match(triggered.body.metadata.name, /^nightly-manual-/);
  assert.equal((await t.send('POST', `${nightly}/suspend`)).body.spec.suspend, true);
  assert.equal((await t.send('GET', nightly)).body.health.state, 'Suspended');
  assert.equal((await t.send('POST', `${nightly}/resume`)).body.spec.suspend, false);
});
