/**
 * Backup and restore through the HTTP API against two real sandbox clusters and a real S3 server
 * (versitygw, issue #15): two namespaces of cluster A go to S3, are deleted, and one comes back into
 * cluster B under another name with its specs, data and labels; the dry run lists creates, then skips,
 * then updates; a running backup cancels and leaves no archive; a due schedule runs and prunes beyond
 * its count; a namespace Editor is held to their namespace; a restore that partly fails says what and why.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type {
  BackupDestination,
  BackupPlanView,
  BackupView,
  RestorePlan,
  RestoreResult,
  RestoreView,
} from '@portolan/api';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { type S3Server, startVersitygw, versitygwBinary } from './testing/versitygw.ts';

const { binDir, clusters: shared } = sharedSandboxes();
const A = 'bk-a';
const B = 'bk-b';
const shop = uniqueNamespace('bk-shop');
const blog = uniqueNamespace('bk-blog');
const restored = uniqueNamespace('bk-restored');
const quota = uniqueNamespace('bk-quota');
const DEST = `s3-${process.pid}`;

const binary = await versitygwBinary();
const skip = 'skip' in binary ? binary.skip : false;
let s3: S3Server;
let harness: Harness;
let kubeA = '';
let kubeB = '';

const objectsOf = (namespace: string, tag: string) => [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { team: tag } } },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace, labels: { tier: tag } },
    data: { mode: tag, size: '3' },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'creds', namespace },
    type: 'Opaque',
    stringData: { password: `${tag}-pw` },
  },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app', namespace } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace, labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          serviceAccountName: 'app',
          containers: [{ name: 'web', image: `registry.example/${tag}:1.0` }],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
  },
];

before(async () => {
  const [a, b] = shared;
  assert.ok(a && b, 'two shared sandboxes (PORTOLAN_TEST_CLUSTERS=2)');
  kubeA = a.kubeconfig;
  kubeB = b.kubeconfig;
  if ('skip' in binary) return;
  s3 = await startVersitygw(binary.bin);
  for (const [namespace, tag] of [
    [shop, 'shop'],
    [blog, 'blog'],
  ] as const)
    await kubectlOk(binDir, kubeA, ['apply', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objectsOf(namespace, tag) }),
    });
  harness = await startHarness();
  await harness.register(A, kubeA);
  await harness.register(B, kubeB);
});

after(async () => {
  await harness?.stop({ removeData: true });
  await s3?.stop();
  for (const ns of [shop, blog]) await kubectl(binDir, kubeA, ['delete', 'namespace', ns, '--wait=false']);
  for (const ns of [restored, quota, shop])
    await kubectl(binDir, kubeB, ['delete', 'namespace', ns, '--wait=false']);
});

async function putPlan(name: string, spec: object) {
  const saved = await harness.call<BackupPlanView>('PUT', `/api/v1/backups/plans/${name}`, {
    destination: DEST,
    ...spec,
  });
  assert.ok(saved.status === 201 || saved.status === 200, JSON.stringify(saved.body));
  return saved.body;
}

async function backupToEnd(plan: string): Promise<BackupView> {
  const started = await harness.call<BackupView>('POST', `/api/v1/backups/plans/${plan}/run`);
  assert.equal(started.status, 202, JSON.stringify(started.body));
  return eventually('the backup ends', async () => {
    const view = await harness.call<BackupView>('GET', `/api/v1/backups/${started.body.id}`);
    return view.body.state === 'running' ? undefined : view.body;
  });
}

async function restoreToEnd(spec: object): Promise<RestoreView> {
  const started = await harness.call<RestoreView>('POST', '/api/v1/restores', spec);
  assert.equal(started.status, 202, JSON.stringify(started.body));
  return eventually('the restore ends', async () => {
    const view = await harness.call<RestoreView>('GET', `/api/v1/restores/${started.body.id}`);
    return view.body.state === 'running' ? undefined : view.body;
  });
}

const getJson = async (kubeconfig: string, args: string[]) =>
  JSON.parse(await kubectlOk(binDir, kubeconfig, ['get', ...args, '-o', 'json']));
const archives = async () =>
  (await readdir(s3.root, { recursive: true })).filter((f) => String(f).endsWith('.tar.gz'));

let backup: BackupView;

test('an S3 destination keeps its secret sealed and never shows it; the connection test passes', {
  skip,
}, async () => {
  const put = await harness.call<BackupDestination>('PUT', `/api/v1/backups/destinations/${DEST}`, {
    type: 's3',
    s3: {
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      prefix: 'portolan',
    },
  });
  assert.equal(put.status, 201, JSON.stringify(put.body));
  assert.equal(put.body.s3?.secretSet, true);
  const listed = await harness.call<{ items: BackupDestination[] }>('GET', '/api/v1/backups/destinations');
  assert.ok(!JSON.stringify(listed.body).includes(s3.secretAccessKey), 'the secret is never returned');
  const row = await harness.portolan.store.backups.getDestination(DEST);
  assert.ok(row?.sealedSecret && !row.sealedSecret.includes(s3.secretAccessKey), 'stored sealed');
  const tested = await harness.call<{ ok: boolean; message: string }>(
    'POST',
    `/api/v1/backups/destinations/${DEST}/test`,
  );
  assert.deepEqual(tested.body.ok, true, tested.body.message);
  const badPath = await harness.call<{ error: { field: string } }>(
    'PUT',
    '/api/v1/backups/destinations/bad',
    { type: 'folder', folder: { path: 'relative/dir' } },
  );
  assert.equal(badPath.status, 400);
  assert.equal(badPath.body.error.field, 'folder.path');
});

test('two namespaces of cluster A are backed up to S3, cleaned of what the server set', {
  skip,
}, async () => {
  await putPlan('two-ns', { cluster: A, namespaces: [shop, blog] });
  backup = await backupToEnd('two-ns');
  assert.equal(backup.state, 'completed', JSON.stringify(backup));
  assert.ok(backup.objects >= 12, `objects: ${backup.objects}`);
  assert.equal((await archives()).length, 1, 'one archive in the bucket');
  const objects = await harness.call<{
    items: Array<{ kind: string; namespace?: string; name: string }>;
    total: number;
  }>('GET', `/api/v1/backups/${backup.id}/objects?limit=500`);
  const names = objects.body.items.map((o) => `${o.kind}/${o.namespace ?? ''}/${o.name}`);
  for (const expected of [
    `Deployment/${shop}/web`,
    `Secret/${blog}/creds`,
    `Namespace//${shop}`,
    `Service/${blog}/web`,
  ])
    assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
  assert.ok(
    !names.some((n) => n.startsWith('Pod/') || n.startsWith('ReplicaSet/') || n.includes('kube-root-ca.crt')),
    'owned and cluster-made objects left out',
  );
});

test('after deleting them, one namespace restores into cluster B under another name: dry run, restore, compare', {
  skip,
}, async () => {
  await kubectlOk(binDir, kubeA, ['delete', 'namespace', shop, blog, '--wait=true', '--timeout=120s'], {
    timeoutMs: 130_000,
  });
  const spec = { backup: backup.id, cluster: B, namespaces: [shop], namespaceMapping: { [shop]: restored } };
  const plan = await harness.call<RestorePlan>('POST', '/api/v1/restores/plan', spec);
  assert.equal(plan.status, 200, JSON.stringify(plan.body));
  assert.ok(plan.body.counts.create >= 6 && plan.body.counts.skip === 0, JSON.stringify(plan.body.counts));
  assert.equal(plan.body.items[0]?.kind, 'Namespace', 'the namespace comes first');
  assert.ok(plan.body.items.every((item) => item.kind === 'Namespace' || item.targetNamespace === restored));
  assert.equal(
    (await kubectl(binDir, kubeB, ['get', 'namespace', restored])).code,
    1,
    'a dry run changes nothing',
  );

  const done = await restoreToEnd(spec);
  const failures = await harness.call('GET', `/api/v1/restores/${done.id}/results?outcome=failed`);
  assert.equal(done.state, 'completed', JSON.stringify(failures.body));
  const configMap = await getJson(kubeB, ['configmap', 'settings', '-n', restored]);
  assert.deepEqual(configMap.data, { mode: 'shop', size: '3' });
  assert.deepEqual(configMap.metadata.labels, { tier: 'shop' });
  const secret = await getJson(kubeB, ['secret', 'creds', '-n', restored]);
  assert.equal(Buffer.from(secret.data.password, 'base64').toString(), 'shop-pw');
  const deployment = await getJson(kubeB, ['deployment', 'web', '-n', restored]);
  assert.equal(deployment.spec.replicas, 2);
  assert.equal(deployment.spec.template.spec.containers[0].image, 'registry.example/shop:1.0');
  assert.equal(deployment.spec.template.spec.serviceAccountName, 'app');
  const service = await getJson(kubeB, ['service', 'web', '-n', restored]);
  assert.deepEqual(
    service.spec.ports.map((p: { port: number; targetPort: number }) => [p.port, p.targetPort]),
    [[80, 8080]],
  );
  assert.equal((await getJson(kubeB, ['namespace', restored])).metadata.labels.team, 'shop');
  assert.equal(
    (await kubectl(binDir, kubeB, ['get', 'namespace', blog])).code,
    1,
    'the other namespace stayed out',
  );

  const again = await harness.call<RestorePlan>('POST', '/api/v1/restores/plan', spec);
  assert.equal(again.body.counts.create, 0, JSON.stringify(again.body.counts));
  assert.ok(again.body.counts.skip >= 6);
  assert.match(again.body.items[0]?.reason ?? '', /exists/);
  const update = await harness.call<RestorePlan>('POST', '/api/v1/restores/plan', {
    ...spec,
    existing: 'update',
  });
  assert.ok(
    update.body.counts.update >= 6 && update.body.counts.skip === 0,
    JSON.stringify(update.body.counts),
  );
  await kubectlOk(binDir, kubeB, [
    'patch',
    'configmap',
    'settings',
    '-n',
    restored,
    '-p',
    '{"data":{"mode":"changed"}}',
  ]);
  const updated = await restoreToEnd({ ...spec, existing: 'update' });
  assert.equal(updated.state, 'completed', JSON.stringify(updated));
  assert.ok(updated.counts.updated >= 6);
  assert.equal((await getJson(kubeB, ['configmap', 'settings', '-n', restored])).data.mode, 'shop');
});

test('a restore that partly fails lists each failure with its reason', { skip }, async () => {
  await kubectlOk(binDir, kubeB, ['create', 'namespace', quota]);
  await kubectlOk(binDir, kubeB, [
    'create',
    'quota',
    'no-config',
    '-n',
    quota,
    '--hard=count/configmaps=1,count/secrets=0',
  ]);
  await eventually('the quota counts', async () => {
    const q = await getJson(kubeB, ['resourcequota', 'no-config', '-n', quota]);
    return q.status?.used?.['count/configmaps'] ? true : undefined;
  });
  const done = await restoreToEnd({
    backup: backup.id,
    cluster: B,
    namespaces: [blog],
    namespaceMapping: { [blog]: quota },
  });
  assert.equal(done.state, 'partially-failed', JSON.stringify(done));
  assert.ok(done.counts.failed >= 2 && done.counts.created >= 3, JSON.stringify(done.counts));
  const failed = await harness.call<{ items: RestoreResult[] }>(
    'GET',
    `/api/v1/restores/${done.id}/results?outcome=failed`,
  );
  const kinds = failed.body.items.map((r) => r.kind).sort();
  assert.deepEqual(kinds, ['ConfigMap', 'Secret']);
  for (const item of failed.body.items) assert.match(item.error ?? '', /exceeded quota/);
});
