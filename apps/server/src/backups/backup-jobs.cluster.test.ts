/**
 * Backups as jobs and their permissions, through the HTTP API against real sandboxes and a real S3
 * server (issue #15): a running backup of thousands of objects cancels within seconds and leaves no
 * archive; a due schedule runs on its own and prunes beyond the plan's count; a namespace Editor
 * cannot back up or restore outside their namespace (403 naming it) but can inside; Velero's objects
 * show where its CRDs are, and the view says why not where they are not.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { BackupView, VeleroItem, VeleroView } from '@portolan/api';
import {
  eventually,
  kubectl,
  kubectlOk,
  sharedSandboxes,
  testCrd,
  uniqueNamespace,
} from '@portolan/sandbox/testing';
import { memberHeaders } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { type S3Server, startVersitygw, versitygwBinary } from './testing/versitygw.ts';

const { binDir, clusters: shared } = sharedSandboxes();
const A = 'bj-a';
const B = 'bj-b';
const mine = uniqueNamespace('bj-mine');
const theirs = uniqueNamespace('bj-theirs');
const bulk = uniqueNamespace('bj-bulk');
const DEST = `s3-${process.pid}`;
const EDITOR = `bj-editor-${process.pid}`;
const VELERO_CRDS = [
  testCrd({ group: 'velero.io', kind: 'Backup', plural: 'backups' }),
  testCrd({ group: 'velero.io', kind: 'Restore', plural: 'restores' }),
];

const binary = await versitygwBinary();
const skip = 'skip' in binary ? binary.skip : false;
let s3: S3Server;
let harness: Harness;
let kubeA = '';
let kubeB = '';
let editor: Record<string, string>;

before(async () => {
  const [a, b] = shared;
  assert.ok(a && b, 'two shared sandboxes (PORTOLAN_TEST_CLUSTERS=2)');
  kubeA = a.kubeconfig;
  kubeB = b.kubeconfig;
  if ('skip' in binary) return;
  s3 = await startVersitygw(binary.bin);
  for (const ns of [mine, theirs, bulk]) await kubectlOk(binDir, kubeA, ['create', 'namespace', ns]);
  await kubectlOk(binDir, kubeA, ['create', 'configmap', 'one', '-n', mine, '--from-literal=a=b']);
  // Enough objects that a backup is still listing when the cancel comes: 3,000 ConfigMaps of 4 KiB.
  const items = Array.from({ length: 3_000 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cm-${i}`, namespace: bulk },
    data: { blob: `${i}`.padEnd(4096, 'x') },
  }));
  for (let i = 0; i < items.length; i += 500)
    await kubectlOk(binDir, kubeA, ['apply', '--server-side', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: items.slice(i, i + 500) }),
      timeoutMs: 120_000,
    });
  harness = await startHarness();
  await harness.register(A, kubeA);
  await harness.register(B, kubeB);
  const put = await harness.call('PUT', `/api/v1/backups/destinations/${DEST}`, {
    type: 's3',
    s3: {
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    },
  });
  assert.equal(put.status, 201, JSON.stringify(put.body));
  editor = await memberHeaders(harness, EDITOR, 'Editor', {
    level: 'namespace',
    cluster: A,
    namespace: mine,
  });
});

after(async () => {
  await harness?.stop({ removeData: true });
  await s3?.stop();
  for (const ns of [mine, theirs, bulk])
    await kubectl(binDir, kubeA, ['delete', 'namespace', ns, '--wait=false']);
  await kubectl(binDir, kubeB, ['delete', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: VELERO_CRDS }),
  });
  await kubectl(binDir, kubeB, ['delete', 'namespace', 'velero', '--wait=false']);
});

async function as<T>(headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const response = await fetch(`${harness.url}${path}`, {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const archives = async () =>
  (await readdir(s3.root, { recursive: true })).filter((f) => String(f).endsWith('.tar.gz'));
const backupsOf = async (plan: string) =>
  (await harness.call<{ items: BackupView[] }>('GET', `/api/v1/backups?plan=${plan}`)).body.items;

test('a running backup is cancelled within seconds, ends cancelled and leaves no archive behind', {
  skip,
}, async () => {
  assert.equal(
    (
      await harness.call('PUT', '/api/v1/backups/plans/bulk', {
        cluster: A,
        namespaces: [bulk],
        destination: DEST,
      })
    ).status,
    201,
  );
  const started = await harness.call<BackupView>('POST', '/api/v1/backups/plans/bulk/run');
  assert.equal(started.status, 202);
  const asked = Date.now();
  const cancelled = await harness.call<BackupView>('POST', `/api/v1/backups/${started.body.id}/cancel`);
  assert.equal(cancelled.status, 200);
  const end = await eventually('the backup ends', async () => {
    const view = (await harness.call<BackupView>('GET', `/api/v1/backups/${started.body.id}`)).body;
    return view.state === 'running' ? undefined : view;
  });
  assert.ok(Date.now() - asked < 5_000, `stopped ${Date.now() - asked} ms after the cancel`);
  assert.equal(end.state, 'cancelled', JSON.stringify(end));
  assert.match(end.error ?? '', /partial archive was removed/);
  assert.deepEqual(await archives(), []);
  const work = await readdir(`${harness.dataDir}/backup-work`).catch(() => []);
  assert.deepEqual(work, [], 'no partial file is left on the Portolan host');
  // The same plan, left alone, completes with every object.
  const whole = await harness.call<BackupView>('POST', '/api/v1/backups/plans/bulk/run');
  const done = await eventually('the backup ends', async () => {
    const view = (await harness.call<BackupView>('GET', `/api/v1/backups/${whole.body.id}`)).body;
    return view.state === 'running' ? undefined : view;
  });
  assert.equal(done.state, 'completed');
  assert.ok(done.objects >= 3_001, `objects: ${done.objects}`);
});

test('a due schedule runs by itself and prunes the backups beyond its count', { skip }, async () => {
  const plan = 'every-minute';
  const put = await harness.call<{ nextRunAt: string }>('PUT', `/api/v1/backups/plans/${plan}`, {
    cluster: A,
    namespaces: [mine],
    destination: DEST,
    schedule: '* * * * *',
    retention: { count: 1, maxAgeDays: null },
  });
  assert.equal(put.status, 201, JSON.stringify(put.body));
  assert.ok(new Date(put.body.nextRunAt).getTime() - Date.now() <= 60_000, 'next run within the minute');
  const before = (await archives()).length;
  // One by hand, then the scheduler's: the plan keeps one, so the first goes with its archive.
  const manual = await harness.call<BackupView>('POST', `/api/v1/backups/plans/${plan}/run`);
  await eventually('the manual backup ends', async () =>
    (await backupsOf(plan))[0]?.state === 'completed' ? true : undefined,
  );
  const scheduled = await eventually(
    'a scheduled backup',
    async () => (await backupsOf(plan)).find((b) => b.trigger === 'schedule' && b.state === 'completed'),
    100_000,
    1_000,
  );
  const left = await eventually('the older backup is pruned', async () => {
    const items = await backupsOf(plan);
    return items.length === 1 ? items : undefined;
  });
  assert.equal(left[0]?.id, scheduled.id);
  assert.equal((await harness.call('GET', `/api/v1/backups/${manual.body.id}`)).status, 404);
  assert.equal((await archives()).length, before + 1, 'the pruned archive left the bucket too');
});

test('a namespace Editor backs up and restores only inside their namespace, and is told which one is out of reach', {
  skip,
}, async () => {
  const outside = await as<{ error: { message: string } }>(
    editor,
    'PUT',
    '/api/v1/backups/plans/editor-out',
    {
      cluster: A,
      namespaces: [mine, theirs],
      destination: DEST,
    },
  );
  assert.equal(outside.status, 403);
  assert.match(outside.body.error.message, new RegExp(`namespace ${theirs}`));
  const whole = await as<{ error: { message: string } }>(editor, 'PUT', '/api/v1/backups/plans/editor-all', {
    cluster: A,
    namespaces: [],
    destination: DEST,
  });
  assert.equal(whole.status, 403);
  const inside = await as<BackupView>(editor, 'PUT', '/api/v1/backups/plans/editor-in', {
    cluster: A,
    namespaces: [mine],
    destination: DEST,
  });
  assert.equal(inside.status, 201, JSON.stringify(inside.body));
  const run = await as<BackupView>(editor, 'POST', '/api/v1/backups/plans/editor-in/run');
  assert.equal(run.status, 202);
  const done = await eventually('the backup ends', async () => {
    const view = await as<BackupView>(editor, 'GET', `/api/v1/backups/${run.body.id}`);
    return view.body.state === 'running' ? undefined : view.body;
  });
  assert.equal(done.state, 'completed');
  // The bulk plan's backups are outside their reach: not listed.
  const listed = await as<{ items: BackupView[] }>(editor, 'GET', '/api/v1/backups');
  assert.ok(listed.body.items.every((b) => b.namespaces.length === 1 && b.namespaces[0] === mine));
  const toOther = await as<{ error: { message: string } }>(editor, 'POST', '/api/v1/restores/plan', {
    backup: done.id,
    cluster: A,
    namespaceMapping: { [mine]: theirs },
  });
  assert.equal(toOther.status, 403);
  assert.match(toOther.body.error.message, new RegExp(`namespace ${theirs}`));
  const toB = await as(editor, 'POST', '/api/v1/restores', { backup: done.id, cluster: B });
  assert.equal(toB.status, 403);
  const sameNamespace = await as<{ counts: Record<string, number> }>(
    editor,
    'POST',
    '/api/v1/restores/plan',
    { backup: done.id, cluster: A },
  );
  assert.equal(sameNamespace.status, 200, JSON.stringify(sameNamespace.body));
  assert.ok((sameNamespace.body.counts.skip ?? 0) >= 1, 'its own objects are there: skipped');
  const admin = await as(editor, 'GET', '/api/v1/backups/destinations/x');
  assert.ok(admin.status === 404 || admin.status === 403);
  const destination = await as(editor, 'PUT', `/api/v1/backups/destinations/${DEST}`, {
    type: 'folder',
    folder: { path: '/tmp/x' },
  });
  assert.equal(destination.status, 403, 'destinations are a platform Admin’s');
});

test("Velero's backups and restores show where its CRDs are served, and can be created there", {
  skip,
}, async () => {
  const absent = await harness.call<VeleroView>('GET', `/api/v1/clusters/${A}/velero`);
  assert.equal(absent.status, 200);
  assert.equal(absent.body.installed, false);
  assert.match(absent.body.reason ?? '', /not installed/);
  await kubectlOk(binDir, kubeB, ['apply', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: VELERO_CRDS }),
  });
  await kubectlOk(binDir, kubeB, [
    'wait',
    '--for=condition=Established',
    'crd/backups.velero.io',
    'crd/restores.velero.io',
  ]);
  await kubectl(binDir, kubeB, ['create', 'namespace', 'velero']);
  const created = await eventually('Velero is served', async () => {
    const answer = await harness.call<VeleroItem>('POST', `/api/v1/clusters/${B}/velero/backups`, {
      name: `nightly-${process.pid}`,
      includedNamespaces: [mine],
      ttl: '72h0m0s',
    });
    return answer.status === 201 ? answer.body : undefined;
  });
  assert.deepEqual(created.includedNamespaces, [mine]);
  const restore = await harness.call<VeleroItem>('POST', `/api/v1/clusters/${B}/velero/restores`, {
    name: `back-${process.pid}`,
    backupName: created.name,
  });
  assert.equal(restore.status, 201, JSON.stringify(restore.body));
  const view = await harness.call<VeleroView>('GET', `/api/v1/clusters/${B}/velero`);
  assert.equal(view.body.installed, true);
  assert.ok(view.body.backups.some((b) => b.name === created.name && b.namespace === 'velero'));
  assert.ok(view.body.restores.some((r) => r.backupName === created.name));
});
