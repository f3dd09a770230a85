/**
 * Inspections against a real server and a real sandbox cluster (issue #14): planted problems are each
 * found, objects used only through a projected volume, image pull secrets (pod and ServiceAccount) or an
 * init container's envFrom are never called unused, an annotation exempts one object, a check that
 * cannot run is skipped with its reason, the report hides findings of namespaces the caller may not
 * read, the HTML page escapes what the cluster names, and writes are audited with their cluster.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AuditPage, InspectionConfigView, InspectionFinding, InspectionRunView } from '@portolan/api';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { memberHeaders } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

const { binDir, clusters: shared } = sharedSandboxes();
const CLUSTER = 'insp-a';
const namespace = uniqueNamespace('insp');
const otherNamespace = uniqueNamespace('insp-other');
const CONFIG = `planted-${process.pid}`;
const VIEWER = 'insp-other-viewer';
/** Markup the cluster lets anyone write (an image reference is barely checked): never markup on the page. */
const HOSTILE = '<svg/onload=alert(document.domain)>';

let harness: Harness;
let kubeconfig = '';
let viewerHeaders: Record<string, string>;

const pod = (name: string, spec: object, annotations: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, annotations },
  spec,
});
const deployment = (name: string, replicas: number, spec: object) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec },
  },
});
const configMap = (name: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, annotations },
  data: { key: 'value' },
});
const secret = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace },
  stringData: { key: 'value' },
});
const pinned = { name: 'app', image: 'registry.example/app:1.2.3' };

/** Every planted problem, and objects that look unused but are not. */
const planted = [
  pod('latest-pod', { containers: [{ name: 'web', image: 'nginx:latest' }] }),
  deployment('privileged', 2, { containers: [{ ...pinned, securityContext: { privileged: true } }] }),
  deployment('lonely', 1, {
    imagePullSecrets: [{ name: 'pull-only' }],
    initContainers: [
      { name: 'setup', image: 'registry.example/setup:1', envFrom: [{ secretRef: { name: 'init-env' } }] },
    ],
    containers: [{ ...pinned, volumeMounts: [{ name: 'bundle', mountPath: '/etc/bundle' }] }],
    volumes: [{ name: 'bundle', projected: { sources: [{ secret: { name: 'projected-only' } }] } }],
  }),
  deployment('guarded', 1, { serviceAccountName: 'puller', containers: [pinned] }),
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'guarded', namespace },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'guarded' } } },
  },
  {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'puller', namespace },
    imagePullSecrets: [{ name: 'sa-pull-only' }],
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'nowhere', namespace },
    spec: { selector: { app: 'no-such-pods' }, ports: [{ port: 80 }] },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'waiting', namespace },
    spec: {
      storageClassName: 'no-such-class',
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
    },
  },
  configMap('orphan'),
  configMap('exempted-orphan', { 'portolan.dev/inspection-exempt': 'unused-configmaps' }),
  secret('projected-only'),
  secret('pull-only'),
  secret('sa-pull-only'),
  secret('init-env'),
];

before(async () => {
  const [a] = shared;
  assert.ok(a, 'a shared sandbox (PORTOLAN_TEST_CLUSTERS=1 or more)');
  kubeconfig = a.kubeconfig;
  await kubectlOk(binDir, kubeconfig, ['create', 'namespace', namespace]);
  await kubectlOk(binDir, kubeconfig, ['create', 'namespace', otherNamespace]);
  await kubectlOk(binDir, kubeconfig, ['apply', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: planted }),
  });
  harness = await startHarness();
  await harness.register(CLUSTER, kubeconfig);
  viewerHeaders = await memberHeaders(harness, VIEWER, 'Viewer', {
    level: 'namespace',
    cluster: CLUSTER,
    namespace: otherNamespace,
  });
});

after(async () => {
  await harness?.stop({ removeData: true });
  for (const ns of [namespace, otherNamespace])
    await kubectl(binDir, kubeconfig, ['delete', 'namespace', ns, '--wait=false']);
});

async function as<T>(
  headers: Record<string, string>,
  method: string,
  path: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${harness.url}${path}`, { method, headers });
  return { status: response.status, body: (await response.json()) as T };
}

/** Runs the configuration and waits for the run to end. */
async function runToEnd(): Promise<InspectionRunView> {
  const started = await harness.call<InspectionRunView>('POST', `/api/v1/inspections/configs/${CONFIG}/run`);
  assert.equal(started.status, 202, JSON.stringify(started.body));
  assert.equal(started.body.state, 'running');
  return eventually('the run ends', async () => {
    const run = await harness.call<InspectionRunView>('GET', `/api/v1/inspections/runs/${started.body.id}`);
    return run.body.state === 'running' ? undefined : run.body;
  });
}

const failedOn = (run: InspectionRunView, item: string) =>
  (run.findings ?? []).filter((f) => f.item === item && f.status === 'failed').map((f) => f.object?.name);
const named = (findings: InspectionFinding[], item: string, name: string) =>
  findings.find((f) => f.item === item && f.object?.name === name);

let report: InspectionRunView;

test('a configuration is saved with its next run, refused with the field at fault, and audited with its cluster', async () => {
  const bad = await harness.call<{ error: { field: string; message: string } }>(
    'PUT',
    `/api/v1/inspections/configs/${CONFIG}`,
    {
      cluster: CLUSTER,
      items: [{ id: 'no-such-item' }],
    },
  );
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'items[0].id');
  const badCron = await harness.call<{ error: { field: string } }>(
    'PUT',
    `/api/v1/inspections/configs/${CONFIG}`,
    {
      cluster: CLUSTER,
      schedule: '61 * * * *',
    },
  );
  assert.equal(badCron.status, 400);
  assert.equal(badCron.body.error.field, 'schedule');
  const saved = await harness.call<InspectionConfigView>('PUT', `/api/v1/inspections/configs/${CONFIG}`, {
    cluster: CLUSTER,
    namespaces: [namespace, otherNamespace],
    schedule: '0 3 * * *',
    items: [{ id: 'pvc-pending-lost', params: { graceSeconds: 0 } }],
    keepRuns: 2,
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  assert.ok(saved.body.nextRun && Date.parse(saved.body.nextRun) > Date.now());
  assert.match(saved.body.nextRun, /T03:00:00/);
  const audit = await harness.call<AuditPage>(
    'GET',
    `/api/v1/audit?cluster=${CLUSTER}&action=inspections:write`,
  );
  const record = audit.body.items.find(
    (item) => item.route === '/api/v1/inspections/configs/:name' && item.status === 201,
  );
  assert.ok(record, 'the save is in the audit trail under its cluster');
  assert.equal(record.resourceName, CONFIG);
  assert.equal(record.resourceKind, 'inspection-configs');
});

test('every planted problem is found, failures first, and nothing in use is called unused', async () => {
  // The store fills from the cluster's watches: run until the planted objects are all there.
  report = await eventually(
    'the planted objects are synced and inspected',
    async () => {
      const run = await runToEnd();
      const unusedSecrets = failedOn(run, 'unused-secrets');
      return failedOn(run, 'pvc-pending-lost').includes('waiting') &&
        failedOn(run, 'unused-configmaps').includes('orphan') &&
        failedOn(run, 'image-latest').includes('latest-pod') &&
        (run.objects?.secrets ?? 0) >= 4 &&
        unusedSecrets !== undefined
        ? run
        : undefined;
    },
    60_000,
    1_000,
  );
  assert.equal(report.state, 'succeeded', report.error);
  assert.deepEqual(failedOn(report, 'image-latest'), ['latest-pod']);
  assert.deepEqual(failedOn(report, 'privileged-containers'), ['privileged']);
  assert.deepEqual(failedOn(report, 'single-replica-no-pdb'), ['lonely']);
  assert.deepEqual(failedOn(report, 'service-no-endpoints'), ['nowhere']);
  assert.deepEqual(failedOn(report, 'pvc-pending-lost'), ['waiting']);
  assert.deepEqual(failedOn(report, 'unused-configmaps'), ['orphan']);
  // Used only through a projected volume, image pull secrets of a pod and of a ServiceAccount, and
  // an init container's envFrom: none of them is unused.
  assert.deepEqual(failedOn(report, 'unused-secrets'), []);
  const findings = report.findings ?? [];
  assert.ok(named(findings, 'privileged-containers', 'privileged')?.why, 'each finding says why it matters');
  assert.ok(named(findings, 'privileged-containers', 'privileged')?.fix, 'and how to fix it');
  // Each finding carries a code and values beside its English, so the console words it (issue #10).
  const latest = named(findings, 'image-latest', 'latest-pod');
  assert.equal(latest?.code, 'image-latest.floating');
  assert.deepEqual(latest?.params, { images: 'web (nginx:latest)' });
  assert.equal(latest?.message, 'containers run an image with no fixed version: web (nginx:latest)');
  const nowhere = named(findings, 'service-no-endpoints', 'nowhere');
  assert.deepEqual(
    [nowhere?.code, nowhere?.params],
    ['service-no-endpoints.none-ready', { selector: 'app=no-such-pods' }],
  );
  // Failures come first, critical before warning before info; then skipped, then exempt.
  const order = findings.map((f) =>
    f.status === 'failed'
      ? `0${['critical', 'warning', 'info'].indexOf(f.severity)}`
      : f.status === 'skipped'
        ? '1'
        : '2',
  );
  assert.deepEqual(order, [...order].sort());
  assert.ok((report.scores?.workload?.failed ?? 0) >= 6);
  assert.ok((report.scores?.workload?.score ?? 100) < 100);
});

test('an annotation holds one object back, and a check that cannot run is skipped with its reason', () => {
  const exempt = named(report.findings ?? [], 'unused-configmaps', 'exempted-orphan');
  assert.equal(exempt?.status, 'exempt');
  // The configuration names namespaces, so the cluster's requests against allocatable cannot be judged.
  const skipped = (report.findings ?? []).find((f) => f.item === 'requests-vs-allocatable');
  assert.equal(skipped?.status, 'skipped');
  assert.match(skipped?.message ?? '', /some namespaces only/);
  assert.equal(skipped?.code, 'skip.some-namespaces');
});

test('a namespace Viewer sees the run without the findings of namespaces it may not read', async () => {
  const seen = await as<InspectionRunView>(viewerHeaders, 'GET', `/api/v1/inspections/runs/${report.id}`);
  assert.equal(seen.status, 200);
  assert.ok((seen.body.hidden ?? 0) > 0, 'the hidden findings are counted');
  assert.ok(
    (seen.body.findings ?? []).every((f) => f.object?.namespace === otherNamespace),
    'only findings of its own namespace are shown',
  );
  const write = await as(viewerHeaders, 'POST', `/api/v1/inspections/configs/${CONFIG}/run`);
  assert.equal(write.status, 403);
});

test('the HTML report stands alone and escapes what the cluster names', async () => {
  await kubectlOk(binDir, kubeconfig, ['apply', '-f', '-'], {
    input: JSON.stringify({
      ...pod('hostile', { containers: [{ name: 'x', image: HOSTILE }] }),
      metadata: { name: 'hostile', namespace: otherNamespace },
    }),
  });
  const run = await eventually('the hostile pod is inspected', async () => {
    const ended = await runToEnd();
    return failedOn(ended, 'image-latest').includes('hostile') ? ended : undefined;
  });
  const response = await fetch(`${harness.url}/api/v1/inspections/runs/${run.id}/report.html`, {
    headers: harness.headers,
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/html/);
  assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  const page = await response.text();
  assert.ok(!page.includes(HOSTILE), 'the image reference is not markup');
  assert.ok(page.includes('&lt;svg/onload=alert(document.domain)&gt;'), 'it is shown as text');
  assert.ok(!/<script|<link|<svg|<img/i.test(page), 'no script, no outside resource');
  assert.match(page, /privileged-containers/);
  const json = await fetch(`${harness.url}/api/v1/inspections/runs/${run.id}/report.json`, {
    headers: harness.headers,
  });
  assert.match(json.headers.get('content-disposition') ?? '', /attachment/);
  assert.equal(((await json.json()) as InspectionRunView).id, run.id);
  // keepRuns is 2: older runs are gone.
  const runs = await harness.call<{ items: InspectionRunView[] }>(
    'GET',
    `/api/v1/inspections/runs?config=${CONFIG}`,
  );
  assert.ok(runs.body.items.length <= 2, `kept ${runs.body.items.length} runs`);
});

test('removing a configuration removes its runs', async () => {
  assert.equal((await harness.call('DELETE', `/api/v1/inspections/configs/${CONFIG}`)).status, 204);
  assert.equal((await harness.call('GET', `/api/v1/inspections/configs/${CONFIG}`)).status, 404);
  assert.equal((await harness.call('GET', `/api/v1/inspections/runs/${report.id}`)).status, 404);
});
