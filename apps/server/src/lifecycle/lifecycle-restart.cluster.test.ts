/**
 * A restart of Portolan in the middle of creating a cluster (issue #15): the server stops while the
 * create step runs, a new server starts on the same data, and its lifecycle recovery resumes the
 * operation from the step it was on, once, so that the cluster ends created, registered and Ready.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Operation } from '@portolan/api';
import { eventually } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { testTempDir } from '#server/testing/temp-dir.ts';
import { clientOf, stepsOf, waitOperation } from './testing/lifecycle-calls.ts';

const NAME = `lcr-${process.pid}`;
let harness: Harness | undefined;

after(async () => {
  await harness?.portolan.sandboxes.delete(NAME).catch(() => undefined);
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
