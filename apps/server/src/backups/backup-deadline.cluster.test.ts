/**
 * A backup's and a restore's deadline (issue #15), through the HTTP API against a real sandbox reached
 * through a relay the test stalls, and a host-folder destination: a job on a cluster that hangs ends
 * `failed` at its deadline, saying so and how to fix it, leaving no archive, no partial file and no
 * restored object, and the same job runs once the cluster answers again.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { BackupView, JobDetail } from '@portolan/api';
import { kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { type CutOffRelay, startCutOffRelay } from '#server/clusters/testing/cut-off-relay.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { testTempDir } from '#server/testing/temp-dir.ts';
import { backupCalls, guardedObjects } from './testing/backup-calls.ts';

const { binDir, clusters: shared } = sharedSandboxes();
/** The sandbox, reached through the relay. */
const SLOW = 'bd-slow';
const DEST = 'bd-folder';
const source = uniqueNamespace('bd-src');
const restored = uniqueNamespace('bd-restored');
const DEADLINE = /did not finish within 2 s \(its deadline\); raise deadlineSeconds or narrow the selection/;

let harness: Harness;
let relay: CutOffRelay;
let kube = '';
let folder = '';
const { putPlan, runPlan, backupEnd, restoreEnd } = backupCalls(() => harness);

before(async () => {
  const [a] = shared;
  assert.ok(a, 'a shared sandbox (PORTOLAN_TEST_CLUSTERS)');
  kube = a.kubeconfig;
  await kubectlOk(binDir, kube, ['apply', '-f', '-'], { input: JSON.stringify(guardedObjects(source)) });
  folder = await testTempDir('portolan-backup-deadline-');
  relay = await startCutOffRelay(kube);
  harness = await startHarness();
  const slow = await harness.call('POST', '/api/v1/clusters', { name: SLOW, kubeconfig: relay.kubeconfig });
  assert.equal(slow.status, 201, JSON.stringify(slow.body));
  const put = await harness.call('PUT', `/api/v1/backups/destinations/${DEST}`, {
    type: 'folder',
    folder: { path: folder },
  });
  assert.equal(put.status, 201, JSON.stringify(put.body));
});

after(async () => {
  relay?.release();
  await harness?.stop({ removeData: true });
  relay?.cut();
  for (const ns of [source, restored])
    await kubectl(binDir, kube, ['delete', 'namespace', ns, '--wait=false']);
});

const archives = async () =>
  (await readdir(folder, { recursive: true })).filter((f) => String(f).endsWith('.tar.gz'));
const namespaceExists = async (name: string) =>
  (await kubectl(binDir, kube, ['get', 'namespace', name, '-o', 'name'])).code === 0;

let backup: BackupView | undefined;

test('a backup of a cluster that hangs fails at its deadline, leaves nothing behind, and runs once it answers', async () => {
  await putPlan('stalled', { cluster: SLOW, namespaces: [source], destination: DEST, deadlineSeconds: 2 });
  relay.hold();
  const end = await backupEnd((await runPlan('stalled')).id);
  const took = Date.parse(end.finishedAt ?? '') - Date.parse(end.startedAt);
  assert.equal(end.state, 'failed', JSON.stringify(end));
  assert.ok(took >= 2_000 && took < 6_000, `ended ${took} ms after it started (deadline 2 s), by its record`);
  assert.match(end.error ?? '', DEADLINE);
  const job = await harness.call<JobDetail>('GET', `/api/v1/jobs/${end.jobId}`);
  assert.equal(job.body.state, 'failed', JSON.stringify(job.body));
  assert.match(job.body.error ?? '', DEADLINE);
  assert.deepEqual(await archives(), [], 'no archive reached the destination');
  const work = await readdir(`${harness.dataDir}/backup-work`).catch(() => []);
  assert.deepEqual(work, [], 'no partial file is left on the Portolan host');

  // Answering again, the same plan completes (its deadline raised, as the error says, so that a
  // loaded machine does not fail it).
  relay.release();
  await putPlan(
    'stalled',
    { cluster: SLOW, namespaces: [source], destination: DEST, deadlineSeconds: 60 },
    200,
  );
  const again = await backupEnd((await runPlan('stalled')).id);
  assert.equal(again.state, 'completed', JSON.stringify(again));
  // Its Namespace, ConfigMap and Secret, and the ServiceAccount `default` once the cluster made it.
  assert.ok(again.objects >= 3, `objects: ${again.objects}`);
  assert.equal((await archives()).length, 1);
  backup = again;
});

test('a restore into a cluster that hangs fails at its deadline, writes nothing, and runs once it answers', async () => {
  assert.ok(backup, 'the backup of the test before');
  const spec = { backup: backup.id, cluster: SLOW, namespaceMapping: { [source]: restored } };
  relay.hold();
  const started = await harness.call<{ id: string }>('POST', '/api/v1/restores', {
    ...spec,
    deadlineSeconds: 2,
  });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  const end = await restoreEnd(started.body.id);
  const took = Date.parse(end.finishedAt ?? '') - Date.parse(end.startedAt);
  assert.equal(end.state, 'failed', JSON.stringify(end));
  assert.ok(took >= 2_000 && took < 6_000, `ended ${took} ms after it started (deadline 2 s), by its record`);
  assert.match(end.error ?? '', DEADLINE);
  relay.release();
  assert.equal(await namespaceExists(restored), false, 'nothing reached the cluster');

  const again = await harness.call<{ id: string }>('POST', '/api/v1/restores', spec);
  const done = await restoreEnd(again.body.id);
  assert.equal(done.state, 'completed', JSON.stringify(done));
  // Its ServiceAccount `default` is created, or skipped when the cluster made it first.
  assert.equal(done.counts.failed, 0, JSON.stringify(done.counts));
  assert.equal(done.counts.created + done.counts.skipped, backup.objects, JSON.stringify(done.counts));
  assert.ok(done.counts.created >= 3, JSON.stringify(done.counts));
  const mode = ['get', 'configmap', 'settings', '-n', restored, '-o', 'jsonpath={.data.mode}'];
  assert.equal(await kubectlOk(binDir, kube, mode), 'guarded');
});
