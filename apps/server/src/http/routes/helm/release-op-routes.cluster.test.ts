import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { packageTestCharts } from '#server/helm/testing/packaged-charts.ts';
import type { JobRecord } from '#server/jobs/jobs.ts';
import { addMember, type Member } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

/**
 * Helm operations through the API against a shared sandbox: the real helm, run by Portolan as the
 * caller through its own proxy, on charts this test packages itself (one with a dependency, one with
 * a values schema, one whose pre-upgrade hook never completes).
 */
// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely and asserted on
type Loose = any;

const run = promisify(execFile);
const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
const helmBin = path.join(binDir, 'helm');
const CLUSTER = 'hops';
const ns = uniqueNamespace('hops');
const edNs = `${ns}-ed`;
const base = `/api/v1/clusters/${CLUSTER}/helm/releases`;
// With two shared sandboxes, installs across clusters reach both.
const second = clusters[1];
const SECOND = 'hops-two';

let harness: Harness;
let charts: Awaited<ReturnType<typeof packageTestCharts>>;
let editor: Member;
let viewer: Member;
const k = (...args: string[]) => kubectlOk(binDir, sandbox?.kubeconfig ?? '', args);

before(async () => {
  assert.ok(sandbox, 'a shared sandbox');
  charts = await packageTestCharts(helmBin);
  harness = await startHarness({ chartSource: charts.source });
  await harness.register(CLUSTER, sandbox.kubeconfig);
  await k('create', 'namespace', edNs);
  if (second) {
    await harness.register(SECOND, second.kubeconfig);
    await kubectlOk(binDir, second.kubeconfig, ['create', 'namespace', edNs]);
  }
  editor = await addMember(harness, 'helm-editor', 'Editor', {
    level: 'namespace',
    cluster: CLUSTER,
    namespace: edNs,
  });
  viewer = await addMember(harness, 'helm-viewer', 'Viewer', { level: 'cluster', cluster: CLUSTER });
});
after(async () => {
  await harness?.stop({ removeData: true });
  await charts?.cleanup();
  for (const namespace of [ns, edNs])
    await kubectl(binDir, sandbox?.kubeconfig ?? '', ['delete', 'namespace', namespace, '--wait=false']);
  if (second) await kubectl(binDir, second.kubeconfig, ['delete', 'namespace', edNs, '--wait=false']);
});

async function send(
  method: string,
  url: string,
  body?: unknown,
  as?: Member,
): Promise<{ status: number; body: Loose }> {
  const headers: Record<string, string> = as
    ? { cookie: as.cookie, 'x-csrf-token': as.csrf }
    : { ...harness.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${harness.url}${url}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Starts an operation (202 with the job) and waits for the job's end; its steps' codes and params. */
async function operate(method: string, url: string, body?: unknown, as?: Member) {
  const started = await send(method, url, body, as);
  assert.equal(started.status, 202, JSON.stringify(started.body));
  const jobs = harness.portolan.jobs;
  const job: JobRecord = await jobs.finished(started.body.id);
  const steps = await jobs.steps(job.id);
  return { job, steps, codes: steps.map((step) => step.code) };
}

const web = (version?: string) => ({ repository: 'test', chart: 'web', ...(version ? { version } : {}) });

test('install: the job says what it does step by step, and the release and its objects are there', async () => {
  const { job, codes, steps } = await operate('POST', base, {
    chart: web('1.0.0'),
    name: 'shop',
    namespace: ns,
    createNamespace: true,
    values: 'message: first\n',
    timeoutSeconds: 60,
  });
  assert.equal(job.state, 'succeeded', job.error ?? '');
  assert.deepEqual(job.result, { revision: 1 });
  assert.deepEqual(
    codes.filter((code) => code !== 'waiting-ready'),
    ['chart-fetched', 'rendered', 'applying', 'applied', 'ready'],
  );
  assert.deepEqual(steps[0]?.params, { chart: 'web', version: '1.0.0' });
  assert.deepEqual(
    steps[1]?.params,
    { count: 3 },
    'a Deployment, a Service and the ConfigMap of the dependency',
  );
  assert.equal(job.kind, 'helm.install');
  assert.match(
    await k(
      'get',
      'deployment',
      'shop-web',
      '-n',
      ns,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].env[0].value}',
    ),
    /first/,
  );
  assert.match(
    await k('get', 'configmap', 'shop-config', '-n', ns, '-o', 'jsonpath={.data.note}'),
    /from lib/,
  );

  const status = await send('GET', `${base}/${ns}/shop`);
  assert.equal(status.status, 200, JSON.stringify(status.body));
  assert.equal(status.body.status, 'deployed');
  assert.equal(status.body.chart, 'web');
  assert.equal(status.body.chartVersion, '1.0.0');
  assert.match(status.body.notes, /web 1.0.0 says first/);
  assert.deepEqual(status.body.resources.map((object: Loose) => `${object.kind}/${object.name}`).sort(), [
    'ConfigMap/shop-config',
    'Deployment/shop-web',
    'Service/shop-web',
  ]);
  const values = await send('GET', `${base}/${ns}/shop/values`);
  assert.deepEqual(values.body.values, { message: 'first' });
  const all = await send('GET', `${base}/${ns}/shop/values?all=true`);
  assert.equal(all.body.values.replicas, 1);
  const again = await send('POST', base, { chart: web(), name: 'shop', namespace: ns });
  assert.equal(again.status, 409);
  assert.match(again.body.error.message, /already exists.*upgrade it/);
});

test('objects that do not get ready in time: the job counts them as it waits, then fails saying why', async () => {
  const preview = await send('POST', `${base}/${ns}/stuck/preview`, { chart: web('1.0.0') });
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.equal(preview.body.upgrade, false);
  assert.deepEqual(
    preview.body.objects.map((object: Loose) => object.change),
    ['added', 'added', 'added'],
  );
  const { job, steps } = await operate('POST', base, {
    chart: web('1.0.0'),
    name: 'stuck',
    namespace: ns,
    values: 'nodeSelector:\n  no-such-label: "true"\n',
    timeoutSeconds: 5,
  });
  assert.equal(job.state, 'failed');
  assert.match(job.error ?? '', /stuck-web.*not ready|context deadline exceeded/);
  const waiting = steps.filter((step) => step.code === 'waiting-ready');
  assert.ok(waiting.length > 0, JSON.stringify(steps));
  assert.deepEqual(
    waiting.at(-1)?.params,
    { ready: 2, total: 3 },
    'the Service and ConfigMap, not the Deployment',
  );
  assert.ok(
    steps.findIndex((step) => step.code === 'applied') <
      steps.findIndex((step) => step.code === 'waiting-ready'),
  );
  assert.ok(!steps.some((step) => step.code === 'ready'));
  const status = await send('GET', `${base}/${ns}/stuck`);
  assert.equal(status.body.status, 'failed');
  assert.deepEqual(status.body.readiness, { ready: 2, total: 3 });
});

test('a cancelled operation stops helm, which marks the release failed, and the next operation may go on', async () => {
  const started = await send('POST', base, {
    chart: web('1.0.0'),
    name: 'halted',
    namespace: ns,
    values: 'nodeSelector:\n  no-such-label: "true"\n',
    timeoutSeconds: 120,
  });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  const jobs = harness.portolan.jobs;
  await eventually('the job applying', async () =>
    (await jobs.steps(started.body.id)).some((step) => step.code === 'applied') ? true : undefined,
  );
  const busy = await send('POST', `${base}/${ns}/halted/upgrade`, { chart: web('1.0.0') });
  assert.equal(busy.status, 409);
  assert.match(busy.body.error.message, new RegExp(`install of release "halted".*job ${started.body.id}`));
  assert.ok(await jobs.cancel(started.body.id, { id: 'test', name: 'test' }));
  const job = await jobs.finished(started.body.id);
  assert.equal(job.state, 'cancelled');
  const status = await eventually('helm marking the release', async () => {
    const answer = await send('GET', `${base}/${ns}/halted`);
    return answer.body.status === 'failed' ? answer : undefined;
  });
  assert.equal(status.body.operation, undefined, 'no operation runs on it any more');
  const removed = await operate('DELETE', `${base}/${ns}/halted`);
  assert.equal(removed.job.state, 'succeeded', removed.job.error ?? '');
});

test('values that break the chart’s schema are refused with the field before anything runs', async () => {
  const before = (await harness.portolan.jobs.list({ cluster: CLUSTER })).total;
  const refused = await send('POST', base, {
    chart: { repository: 'test', chart: 'strict' },
    name: 'strict',
    namespace: ns,
    values: 'replicas: many\n',
  });
  assert.equal(refused.status, 400, JSON.stringify(refused.body));
  assert.equal(refused.body.error.field, 'values.replicas');
  assert.match(refused.body.error.message, /replicas: got string, want integer/);
  const badYaml = await send('POST', base, {
    chart: web(),
    name: 'strict',
    namespace: ns,
    values: 'a: [1\n',
  });
  assert.equal(badYaml.status, 400);
  assert.equal(badYaml.body.error.field, 'values');
  assert.equal((await harness.portolan.jobs.list({ cluster: CLUSTER })).total, before, 'no job was started');
  assert.equal(
    (await kubectl(binDir, sandbox?.kubeconfig ?? '', ['get', 'configmap', 'strict-strict', '-n', ns])).code,
    1,
  );
});

test('upgrade: the preview shows the diff against what runs now, then the upgrade applies it', async () => {
  const preview = await send('POST', `${base}/${ns}/shop/preview`, {
    chart: web('1.1.0'),
    values: 'message: second\n',
  });
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.equal(preview.body.upgrade, true);
  const deployment = preview.body.objects.find((object: Loose) => object.kind === 'Deployment');
  assert.equal(deployment.change, 'changed');
  assert.match(deployment.diff, /^-\s+value: first$/m);
  assert.match(deployment.diff, /^\+\s+value: second$/m);
  assert.match(deployment.diff, /^\+\s+image: example.com\/web:1.1.0$/m);
  assert.equal(preview.body.objects.find((object: Loose) => object.kind === 'Service').change, 'unchanged');

  const { job, codes } = await operate('POST', `${base}/${ns}/shop/upgrade`, {
    chart: web('1.1.0'),
    values: 'message: second\n',
    timeoutSeconds: 60,
  });
  assert.equal(job.state, 'succeeded', job.error ?? '');
  assert.deepEqual(job.result, { revision: 2 });
  assert.ok(codes.includes('ready'));
  assert.match(
    await k(
      'get',
      'deployment',
      'shop-web',
      '-n',
      ns,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    ),
    /1\.1\.0/,
  );
});

test('an upgrade whose hook fails is rolled back, and the job says why', async () => {
  const hooky = (version: string) => ({ repository: 'test', chart: 'hooky', version });
  const installed = await operate('POST', base, {
    chart: hooky('1.0.0'),
    name: 'hooky',
    namespace: ns,
    timeoutSeconds: 30,
  });
  assert.equal(installed.job.state, 'succeeded', installed.job.error ?? '');
  const { job, steps } = await operate('POST', `${base}/${ns}/hooky/upgrade`, {
    chart: hooky('2.0.0'),
    rollbackOnFailure: true,
    timeoutSeconds: 4,
  });
  assert.equal(job.state, 'failed');
  assert.match(job.error ?? '', /pre-upgrade/);
  assert.doesNotMatch(job.error ?? '', /goroutine|\.go:\d+|level=/);
  const hook = steps.find((step) => step.code === 'hook-failed');
  assert.equal(hook?.params.hook, 'pre-upgrade', JSON.stringify(steps));
  assert.deepEqual(steps.find((step) => step.code === 'rolled-back')?.params, { revision: 1 });
  assert.equal(steps.at(-1)?.code, 'failed');
  const history = await send('GET', `${base}/${ns}/hooky/history`);
  assert.equal(history.body.items[0].status, 'deployed');
  assert.match(history.body.items[0].chart, /hooky-1\.0\.0/);
});

test('rollback returns to a kept revision; uninstall removes the release', async () => {
  const rolled = await operate('POST', `${base}/${ns}/shop/rollback`, { revision: 1, timeoutSeconds: 60 });
  assert.equal(rolled.job.state, 'succeeded', rolled.job.error ?? '');
  assert.deepEqual(rolled.job.result, { revision: 3 });
  const status = await send('GET', `${base}/${ns}/shop`);
  assert.equal(status.body.chartVersion, '1.0.0', JSON.stringify(status.body));
  const manifest = await send('GET', `${base}/${ns}/shop/manifest?revision=2`);
  assert.match(manifest.body.manifest, /example.com\/web:1.1.0/);
  assert.equal(manifest.body.objects.length, 3);
  const missing = await send('POST', `${base}/${ns}/shop/rollback`, { revision: 9 });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.field, 'revision');

  const removed = await operate('DELETE', `${base}/${ns}/shop`);
  assert.equal(removed.job.state, 'succeeded', removed.job.error ?? '');
  assert.deepEqual(removed.codes, ['applying', 'uninstalled']);
  assert.equal((await send('GET', `${base}/${ns}/shop`)).status, 404);
  assert.equal(
    (await kubectl(binDir, sandbox?.kubeconfig ?? '', ['get', 'deployment', 'shop-web', '-n', ns])).code,
    1,
  );
});

test('a namespace Editor installs in their namespace only: refused outside by Portolan and, forced through, by the cluster', async () => {
  const own = await operate(
    'POST',
    base,
    { chart: web(), name: 'mine', namespace: edNs, timeoutSeconds: 60 },
    editor,
  );
  assert.equal(own.job.state, 'succeeded', own.job.error ?? '');
  const outside = await send('POST', base, { chart: web(), name: 'theirs', namespace: ns }, editor);
  assert.equal(outside.status, 403);
  assert.match(outside.body.error.message, new RegExp(`namespace ${ns}`));
  // The editor's own kubeconfig and helm, past Portolan's routes: the member cluster's RBAC refuses.
  const token = await editor.newToken();
  const kubeconfig = await fetch(`${harness.url}/api/v1/kubeconfig?cluster=${CLUSTER}`, {
    headers: { authorization: `Bearer ${token.token}` },
  });
  const file = path.join(charts.dir, 'editor.kubeconfig');
  await writeFile(file, await kubeconfig.text(), { mode: 0o600 });
  const forced = await run(
    helmBin,
    ['install', 'theirs', path.join(charts.dir, 'packages', 'web-1.0.0.tgz'), '-n', ns, '--kubeconfig', file],
    {
      env: { HOME: charts.dir, PATH: '/usr/bin:/bin' },
    },
  ).then(
    () => undefined,
    (error: { stderr: string }) => error.stderr,
  );
  assert.match(forced ?? 'it was allowed', /forbidden/i);

  const byViewer = await send('POST', base, { chart: web(), name: 'peek', namespace: edNs }, viewer);
  assert.equal(byViewer.status, 403);
  // helm reads releases from Secrets, which Kubernetes' view role cannot: the member cluster says no.
  const viewed = await send('GET', `${base}/${edNs}/mine/history`, undefined, viewer);
  assert.equal(viewed.status, 403, JSON.stringify(viewed.body));
  assert.match(
    viewed.body.error.message,
    /^secrets is forbidden: User "portolan:helm-viewer".*GET \/api\/v1\/helm\/releases/,
  );
});

test('one chart on several clusters: a job per cluster, each refusal its own', async () => {
  const answer = await send('POST', '/api/v1/helm/installs', {
    chart: web('1.0.0'),
    name: 'fleet',
    namespace: ns,
    values: 'message: shared\n',
    timeoutSeconds: 60,
    targets: [
      { cluster: CLUSTER, values: 'message: local\n' },
      { cluster: 'nowhere' },
      ...(second ? [{ cluster: SECOND, namespace: edNs }] : []),
    ],
  });
  assert.equal(answer.status, 202, JSON.stringify(answer.body));
  const [here, nowhere, there] = answer.body.items;
  assert.equal(nowhere.error.code, 'not-found');
  const job = await harness.portolan.jobs.finished(here.job.id);
  assert.equal(job.state, 'succeeded', job.error ?? '');
  assert.match(
    await k(
      'get',
      'deployment',
      'fleet-web',
      '-n',
      ns,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].env[0].value}',
    ),
    /local/,
  );
  if (second) {
    assert.equal(there.namespace, edNs);
    const elsewhere = await harness.portolan.jobs.finished(there.job.id);
    assert.equal(elsewhere.state, 'succeeded', elsewhere.error ?? '');
    const env = await kubectlOk(binDir, second.kubeconfig, [
      'get',
      'deployment',
      'fleet-web',
      '-n',
      edNs,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].env[0].value}',
    ]);
    assert.equal(env, 'shared');
  }
});

test('installing on several clusters again upgrades where the release is there, when asked, and refuses it otherwise', async () => {
  const again = {
    chart: web('1.1.0'),
    name: 'fleet',
    namespace: ns,
    values: 'message: again\n',
    timeoutSeconds: 60,
    targets: [{ cluster: CLUSTER }],
  };
  const refused = await send('POST', '/api/v1/helm/installs', again);
  assert.equal(refused.body.items[0].error.code, 'already-exists');
  const answer = await send('POST', '/api/v1/helm/installs', { ...again, upgradeExisting: true });
  assert.equal(answer.status, 202, JSON.stringify(answer.body));
  const [here] = answer.body.items;
  assert.equal(here.action, 'upgrade', JSON.stringify(here));
  const job = await harness.portolan.jobs.finished(here.job.id);
  assert.equal(job.state, 'succeeded', job.error ?? '');
  assert.deepEqual(job.result, { revision: 2 });
  assert.match(
    await k(
      'get',
      'deployment',
      'fleet-web',
      '-n',
      ns,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].env[0].value}',
    ),
    /again/,
  );
});

test('no helm operation token outlives its operation, and the ended ones leave the user’s token list', async () => {
  const admin = await harness.portolan.store.iam.users.getByUsername('admin');
  const rows = await harness.portolan.store.iam.tokens.listForUser(admin?.id ?? '');
  const helmTokens = rows.filter((token) => token.name.startsWith('helm operation'));
  assert.ok(helmTokens.length > 5, `${helmTokens.length} helm operation tokens`);
  assert.deepEqual(
    helmTokens.filter((token) => token.revokedAt === null).map((token) => token.name),
    [],
  );
  assert.ok(
    helmTokens.every((token) => token.expiresAt - token.createdAt <= 3_900_000),
    'each lived minutes',
  );
  const listed = await harness.portolan.iam.tokens.list(admin?.id ?? '');
  assert.ok(listed.length > 0 && !listed.some((token) => token.name.startsWith('helm operation')));
});
