import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { RoundTimer } from '#server/replicas/work-leases.ts';
import { openStore } from '#server/store/open-store.ts';
import type { Store } from '#server/store/store.ts';
import { createInspections, type Inspections } from './inspection-service.ts';

let dir: string;
let store: Store;
let now = new Date('2026-12-05T11:32:10Z');
const rounds: Array<() => void> = [];
const timer: RoundTimer = {
  every(_ms, run) {
    rounds.push(run);
    return { cancel: () => rounds.splice(rounds.indexOf(run), 1) };
  },
};
/** An Offline cluster: no client is needed, and every check is skipped with its reason. */
const cluster = async (name: string) =>
  name === 'c1'
    ? { id: 'id-c1', name, status: 'Offline', reason: 'connection refused', version: null, credentials: [] }
    : undefined;

let inspections: Inspections;
let ids = 0;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'inspections-'));
  store = await openStore({ dataDir: dir });
  const deps = {
    store,
    cluster,
    clientOf: () => undefined,
    clock: () => now,
    timer,
    log: { warn: () => undefined },
    newId: () => `run-${String(++ids).padStart(3, '0')}`,
  };
  inspections = createInspections(deps);
});

after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

test('a schedule fires at its minute on the injected clock, once however many replicas look', async () => {
  const { view, created } = await inspections.putConfig(
    'every-five',
    { cluster: 'c1', schedule: '*/5 * * * *', keepRuns: 2 },
    'admin',
  );
  assert.equal(created, true);
  assert.equal(view.nextRun, '2026-12-05T11:35:00.000Z');
  now = new Date('2026-12-05T11:34:59Z');
  assert.equal((await inspections.tick()).length, 0, 'not due yet');
  now = new Date('2026-12-05T11:35:07Z');
  // Two replicas' schedulers in the same round: the schedule moves on once, so one run starts.
  const [first, second] = await Promise.all([inspections.tick(), inspections.tick()]);
  const started = [...(first ?? []), ...(second ?? [])];
  assert.equal(started.length, 1);
  await Promise.all(started);
  const config = await inspections.getConfig('every-five');
  assert.equal(config.nextRun, '2026-12-05T11:40:00.000Z');
  assert.equal(config.lastRun?.trigger, 'schedule');
  assert.equal(config.lastRun?.state, 'succeeded');
  const run = await inspections.getRun(config.lastRun?.id ?? '');
  // The cluster is Offline: every check is skipped with the reason, none is failed.
  assert.ok((run?.findings ?? []).length > 0);
  assert.ok(
    run?.findings?.every((f) => f.status === 'skipped' && /Offline \(connection refused\)/.test(f.message)),
  );
});

test('the scheduler job runs rounds on its timer, and keeps only keepRuns runs', async () => {
  const job = inspections.scheduler();
  job.start();
  assert.equal(rounds.length, 1);
  for (const minute of ['11:40:03', '11:45:03', '11:50:02']) {
    now = new Date(`2026-12-05T${minute}Z`);
    const round = rounds[0];
    assert.ok(round);
    round();
    // The round is asynchronous: wait until its run is recorded and ended.
    for (let i = 0; i < 100; i++) {
      const last = (await inspections.getConfig('every-five')).lastRun;
      if (last && Date.parse(last.startedAt) === now.getTime() && last.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  await job.stop();
  assert.equal(rounds.length, 0);
  const runs = await inspections.listRuns({ config: 'every-five', limit: 50 });
  assert.deepEqual(
    runs.items.map((r) => r.startedAt),
    ['2026-12-05T11:50:02.000Z', '2026-12-05T11:45:03.000Z'],
  );
});

test('runs page newest first; a run left running by a dead replica is ended as failed', async () => {
  const a = await inspections.run('every-five', 'manual', 'alice');
  await a.done;
  const page = await inspections.listRuns({ config: 'every-five', limit: 1 });
  assert.equal(page.items.length, 1);
  assert.ok(page.next);
  const rest = await inspections.listRuns({ config: 'every-five', limit: 10, cursor: page.next });
  assert.ok(rest.items.every((r) => r.startedAt <= (page.items[0]?.startedAt ?? '')));
  await store.inspections.insertRun({
    id: 'orphan',
    config: 'every-five',
    cluster: 'c1',
    state: 'running',
    trigger: 'manual',
    startedBy: 'bob',
    startedAt: new Date(now.getTime() - 3_600_000),
    finishedAt: null,
    error: null,
    summary: {},
  });
  await inspections.tick();
  const orphan = await inspections.getRun('orphan');
  assert.equal(orphan?.state, 'failed');
  assert.match(orphan?.error ?? '', /stopped before it ended/);
  assert.equal(orphan?.errorCode, 'run.stopped');
});

test('a configuration refuses unknown items, parameters and clusters, naming the field', async () => {
  await assert.rejects(inspections.putConfig('x', { cluster: 'nope', keepRuns: 30 }, 'admin'), {
    field: 'cluster',
  });
  await assert.rejects(
    inspections.putConfig(
      'x',
      { cluster: 'c1', keepRuns: 30, items: [{ id: 'pod-restarts', enabled: true, params: { limit: 3 } }] },
      'admin',
    ),
    { field: 'items[0].params.limit' },
  );
  await assert.rejects(
    inspections.putConfig('x', { cluster: 'c1', keepRuns: 30, exemptions: [{ item: 'nope' }] }, 'admin'),
    {
      field: 'exemptions[0].item',
    },
  );
  await assert.rejects(
    inspections.putConfig('x', { cluster: 'c1', keepRuns: 30, schedule: '@every 5m' }, 'admin'),
    {
      field: 'schedule',
    },
  );
  await inspections.deleteConfig('every-five');
  await assert.rejects(inspections.getConfig('every-five'), { code: 'not-found' });
  assert.equal((await inspections.listRuns({ config: 'every-five', limit: 10 })).items.length, 0);
});

test('names with control characters are refused with their field, before they reach the store', async () => {
  await assert.rejects(inspections.putConfig('x', { cluster: 'c1\u0000', keepRuns: 30 }, 'admin'), {
    field: 'cluster',
  });
  await assert.rejects(
    inspections.putConfig('x', { cluster: 'c1', keepRuns: 30, namespaces: ['ok', 'a\r\nb'] }, 'admin'),
    { field: 'namespaces[1]' },
  );
});
