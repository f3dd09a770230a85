/**
 * The lifecycle's own background work on a real server over a real sandbox (issue #15). A restart of
 * Portolan while a cluster is being created: a new server on the same data resumes the operation from
 * the step it was on, once, and the cluster ends created, registered and Ready. Then that cluster's
 * snapshot schedule: snapshots taken by themselves every minute, pruned beyond `keep`.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Operation } from '@portolan/api';
import { eventually } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { testTempDir } from '#server/testing/temp-dir.ts';
import { clientOf, removeSandbox, stepsOf, waitOperation } from './testing/lifecycle-calls.ts';

const NAME = `lcr-${process.pid}`;
let harness: Harness | undefined;

after(async () => {
  await removeSandbox(harness, NAME);
  await harness?.stop({ removeData: true });
});

test('a restart of Portolan while a cluster is being created resumes the operation once, and the cluster ends Ready', {
  timeout: 600_000,
}, async () => {
  const dataDir = await testTempDir('portolan-restart-');
  harness = await startHarness({ dataDir });
  const created = await harness.call<Operation>('POST', '/api/v1/lifecycle/clusters', {
    name: NAME,
    nodePools: [{ name: 'default', count: 2 }],
  });
  assert.equal(created.status, 202, JSON.stringify(created.body));
  const id = created.body.id;
  const midway = await waitOperation(harness, id, (op) =>
    op.steps.some((s) => (s.id === 'create' || s.id === 'wait-ready') && s.state === 'running'),
  );
  assert.equal(midway.state, 'running', stepsOf(midway));

  // The server stops as a rolling restart stops it; the operation stays running in the store.
  await harness.stop();
  harness = await startHarness({ dataDir });
  const stored = await harness.call<Operation>('GET', `/api/v1/lifecycle/operations/${id}`);
  assert.equal(stored.body.state, 'running', 'left running for the recovery, not failed');

  const done = await waitOperation(harness, id, undefined, 240_000);
  assert.equal(done.state, 'succeeded', stepsOf(done));
  assert.equal(done.autoResumed, 1, 'resumed once by the recovery, without being asked');
  const running = harness;
  const cluster = await eventually('the created cluster registered and Ready', async () => {
    const answer = await running.call<{ status: string; nodes?: { ready: number; total: number } }>(
      'GET',
      `/api/v1/clusters/${NAME}`,
    );
    return answer.status === 200 && answer.body.status === 'Ready' ? answer.body : undefined;
  });
  assert.equal(cluster.status, 'Ready');
  const nodes = await (await clientOf(running, NAME)).list<{ metadata: { name: string } }>('/api/v1/nodes');
  assert.equal(
    nodes.items.length,
    2,
    `both nodes of the pool, none twice: ${nodes.items.map((n) => n.metadata.name)}`,
  );
});

interface Snapshot {
  id: string;
  reason: string;
}

test('a snapshot schedule of every minute takes snapshots by itself and keeps only the newest `keep`; a manual one stays', {
  timeout: 520_000,
}, async () => {
  const running = harness;
  assert.ok(running, 'the cluster of the test before is there');
  const snapshots = async () =>
    (await running.call<{ items: Snapshot[] }>('GET', `/api/v1/lifecycle/clusters/${NAME}/snapshots`)).body
      .items;
  const manual = await running.call<Operation>('POST', `/api/v1/lifecycle/clusters/${NAME}/snapshots`);
  assert.equal(manual.status, 202, JSON.stringify(manual.body));
  assert.equal((await waitOperation(running, manual.body.id)).state, 'succeeded');

  const bad = await running.call('PUT', `/api/v1/lifecycle/clusters/${NAME}/snapshot-schedule`, {
    cron: 'every minute',
    keep: 1,
  });
  assert.equal(bad.status, 400, 'a schedule that is not cron is refused');
  const set = await running.call('PUT', `/api/v1/lifecycle/clusters/${NAME}/snapshot-schedule`, {
    cron: '* * * * *',
    keep: 1,
  });
  assert.equal(set.status, 200, JSON.stringify(set.body));

  const scheduled = async () => (await snapshots()).filter((s) => s.reason === 'schedule');
  const first = await eventually(
    'a scheduled snapshot',
    async () => ((await scheduled()).length > 0 ? (await scheduled())[0] : undefined),
    150_000,
  );
  await eventually(
    'the next minute’s snapshot, the first one pruned',
    async () => {
      const now = await scheduled();
      return now.length === 1 && now[0]?.id !== first?.id ? now : undefined;
    },
    // A snapshot that runs past its minute (a loaded machine) makes the schedule wait for the next.
    240_000,
  );
  const all = await snapshots();
  assert.equal(all.filter((s) => s.reason === 'manual').length, 1, 'the manual snapshot is never pruned');
  const off = await running.call('PUT', `/api/v1/lifecycle/clusters/${NAME}/snapshot-schedule`, {
    cron: null,
  });
  assert.equal(off.status, 200, JSON.stringify(off.body));
});
