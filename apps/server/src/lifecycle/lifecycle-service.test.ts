/**
 * The lifecycle service over a real SQLite store and real jobs, with a tiny in-test provider (the
 * provider seam is Portolan's own interface): bad input is refused before anything starts, one
 * operation at a time per cluster, imported clusters are refused, and an operation whose replica died
 * is resumed once automatically, then left failed and resumable.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createJobs } from '#server/jobs/job-service.ts';
import { openStore } from '#server/store/open-store.ts';
import type { Store } from '#server/store/store.ts';
import type { LifecycleError } from './lifecycle-errors.ts';
import { createLifecycleRecovery } from './lifecycle-recovery.ts';
import { createLifecycle } from './lifecycle-service.ts';
import type { ManagedClusters } from './managed-clusters.ts';
import type { ClusterProvider } from './provider.ts';

let dir: string;
let store: Store;
const calls: string[] = [];
let gate: Promise<void> = Promise.resolve();

const provider = {
  name: 'sandbox',
  versions: async () => [
    { version: 'v1.37.2', minor: '1.37', built: true, default: true },
    { version: 'v1.36.1', minor: '1.36', built: false, default: false },
  ],
  async prepareVersion(version: string) {
    calls.push(`prepare ${version}`);
    await gate;
  },
  async create() {
    calls.push('create');
    throw new Error('no machines left');
  },
  describe: async () => undefined,
} as unknown as ClusterProvider;

const clusters: ManagedClusters = {
  labelsOf: async (name) => (name === 'imported' ? {} : undefined),
  register: async () => undefined,
  unregister: async () => undefined,
  clientOf: async () => undefined,
  notSyncing: async () => undefined,
  clientFromKubeconfig: async () => {
    throw new Error('not here');
  },
};
const alice = { id: 'u1', name: 'alice' };
const timer = { every: () => ({ cancel() {} }) };
const log = { warn() {} };

function makeLifecycle() {
  const jobs = createJobs({
    store: store.jobs,
    replicas: store.replicas,
    replica: { id: 'r1' },
    clock: () => new Date(),
    timer,
    log,
  });
  const lifecycle = createLifecycle({
    store: store.lifecycle,
    jobs,
    provider,
    clusters,
    clock: () => new Date(),
  });
  return { jobs, lifecycle };
}

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lifecycle-service-'));
  store = await openStore({ dataDir: dir });
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

test('bad input is refused with its field before anything starts; imported clusters are refused', async () => {
  const { lifecycle } = makeLifecycle();
  await assert.rejects(
    lifecycle.create({ name: 'lab', version: 'v1.20.0' }, alice),
    (error: LifecycleError) => error.field === 'version',
  );
  await assert.rejects(
    lifecycle.create({ name: 'imported' }, alice),
    (error: LifecycleError) => error.code === 'conflict',
  );
  await assert.rejects(lifecycle.get('imported'), /imported, not created by Portolan/);
  assert.deepEqual(calls, []);
  assert.equal((await store.lifecycle.listClusters()).length, 0);
});

test('a failed step stops the create with its reason; one operation at a time; resume runs it again', async () => {
  const { lifecycle, jobs } = makeLifecycle();
  let open: () => void = () => undefined;
  gate = new Promise((resolve) => {
    open = resolve;
  });
  const op = await lifecycle.create({ name: 'lab', version: 'v1.36.1' }, alice);
  await assert.rejects(
    lifecycle.takeSnapshot('lab', alice),
    (error: LifecycleError) => error.code === 'conflict' && /create/.test(error.message),
  );
  open();
  await jobs.finished(op.jobId ?? '');
  const failed = await lifecycle.operation(op.id);
  assert.equal(failed.state, 'failed');
  assert.deepEqual(failed.failure, { step: 'create', reason: 'no machines left' });
  assert.equal(failed.canResume, true);
  assert.equal((await lifecycle.get('lab')).state, 'failed');
  const resumed = await lifecycle.resume(op.id, alice);
  await jobs.finished(resumed.jobId ?? '');
  assert.deepEqual(calls, ['prepare v1.36.1', 'create', 'create']);
});

test('an operation left running by a stopped replica is resumed once, then left failed and resumable', async () => {
  const { lifecycle, jobs } = makeLifecycle();
  const op = await lifecycle.takeSnapshot('lab', alice).catch(() => undefined);
  assert.ok(op === undefined || op.state === 'running');
  // A running operation whose job ended with its replica.
  const stored = (await store.lifecycle.listOperations({ cluster: 'lab', limit: 1 })).items[0];
  assert.ok(stored);
  await jobs.finished(String((stored.document as { jobId: string }).jobId));
  await store.lifecycle.saveOperation({
    ...stored,
    state: 'running',
    document: { ...stored.document, state: 'running' },
  });
  const recovery = createLifecycleRecovery({
    store: store.lifecycle,
    jobs,
    lifecycle,
    clock: () => new Date(),
    timer,
    log,
  });
  assert.equal(await recovery.recoverOperations(), 1);
  const again = await lifecycle.operation(stored.id);
  assert.equal(again.autoResumed, 1);
  await jobs.finished(again.jobId ?? '');
  const after = await store.lifecycle.getOperation(stored.id);
  assert.ok(after);
  await store.lifecycle.saveOperation({
    ...after,
    state: 'running',
    document: { ...after.document, state: 'running' },
  });
  assert.equal(await recovery.recoverOperations(), 0);
  const given = await lifecycle.operation(stored.id);
  assert.equal(given.state, 'failed');
  assert.equal(given.canResume, true);
  assert.match(given.failure?.reason ?? '', /stopped twice/);
});
