import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually } from '@portolan/sandbox/testing';
import { NotFoundError, ResourceError } from '#server/resources/resource-errors.ts';
import { diffRevisions, listRevisions } from './revision-history.ts';
import { rollBack } from './rollback.ts';
import { pauseRollout, RESTARTED_AT, restartWorkload, resumeRollout } from './rollout-actions.ts';
import { rolloutStatus } from './rollout-status.ts';
import { prepareNamespace, type TestNamespace } from './testing/sandbox-namespace.ts';
import { createWorkload } from './workload-create.ts';
import type { WorkloadKind, WorkloadRef } from './workload-kinds.ts';

let t: TestNamespace;

before(async () => {
  t = await prepareNamespace('rollout');
});

after(() => t.cleanup());

const rolledOut = (ref: WorkloadRef) =>
  eventually(`${ref.kind} ${ref.name} rolled out`, async () =>
    (await rolloutStatus(t.client, ref)).done ? true : undefined,
  );

async function templateImage(ref: WorkloadRef): Promise<string | undefined> {
  const live = await t.getJson<{ spec: { template: { spec: { containers: { image: string }[] } } } }>(
    ref.kind.toLowerCase(),
    ref.name,
  );
  return live.spec.template.spec.containers[0]?.image;
}

async function createAndUpdate(
  kind: WorkloadKind,
  name: string,
  images: [string, string],
): Promise<WorkloadRef> {
  const ref: WorkloadRef = { kind, namespace: t.namespace, name };
  await createWorkload(t.client, {
    ...ref,
    ...(kind === 'DaemonSet' ? {} : { replicas: 1 }),
    containers: [{ name: 'main', image: images[0] }],
  });
  await rolledOut(ref);
  await t.k('set', 'image', `${kind.toLowerCase()}/${name}`, `main=${images[1]}`, '-n', t.namespace);
  await eventually(`${kind} revision 2`, async () =>
    (await listRevisions(t.client, ref)).length === 2 ? true : undefined,
  );
  await rolledOut(ref);
  return ref;
}

describe('Deployment', () => {
  let web: WorkloadRef;

  test('history keeps each revision with its images; the diff shows what changed', async () => {
    web = await createAndUpdate('Deployment', 'web', ['nginx:1.26', 'nginx:1.27']);
    const status = await rolloutStatus(t.client, web);
    assert.deepEqual(status.health, { state: 'Available', message: '1 of 1 replicas are available' });
    const revisions = await listRevisions(t.client, web);
    assert.deepEqual(
      revisions.map((entry) => [entry.revision, entry.images, entry.current]),
      [
        [1, ['nginx:1.26'], false],
        [2, ['nginx:1.27'], true],
      ],
    );
    const diff = await diffRevisions(t.client, web, 1);
    assert.match(diff, /^--- revision 1\n\+\+\+ revision 2\n/);
    assert.match(diff, /^-\s+- image: nginx:1\.26\n\+\s+- image: nginx:1\.27$/m);
    assert.doesNotMatch(diff, /pod-template-hash/);
  });

  test('rolling back restores the old image as a new revision', async () => {
    const result = await rollBack(t.client, web, 1);
    assert.equal(result.changed, true);
    assert.equal(await templateImage(web), 'nginx:1.26');
    await rolledOut(web);
    const revisions = await listRevisions(t.client, web);
    assert.deepEqual(
      revisions.map((entry) => [entry.revision, entry.images[0], entry.current]),
      [
        [2, 'nginx:1.27', false],
        [3, 'nginx:1.26', true],
      ],
    );
    assert.equal((await rollBack(t.client, web, 3)).changed, false, 'already there');
    await assert.rejects(rollBack(t.client, web, 9), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.match(error.message, /has no revision 9; it keeps 2, 3/);
      return true;
    });
  });

  test('pause and resume; a paused Deployment is neither restarted nor rolled back', async () => {
    await pauseRollout(t.client, web);
    assert.equal((await rolloutStatus(t.client, web)).health.state, 'Paused');
    await assert.rejects(
      restartWorkload(t.client, web),
      (error: unknown) => error instanceof ResourceError && /paused/.test(error.message),
    );
    await assert.rejects(rollBack(t.client, web, 2), /is paused; resume it/);
    await resumeRollout(t.client, web);
    assert.equal((await t.getJson<{ spec: { paused?: boolean } }>('deploy', 'web')).spec.paused, undefined);
  });

  test('restart stamps restartedAt on the template, which rolls out new pods', async () => {
    const restarted = await restartWorkload(t.client, web, () => new Date('2030-01-02T03:04:05.678Z'));
    const annotations = (
      restarted.spec as { template: { metadata: { annotations: Record<string, string> } } }
    ).template.metadata.annotations;
    assert.equal(annotations[RESTARTED_AT], '2030-01-02T03:04:05Z');
    await rolledOut(web);
    assert.equal((await listRevisions(t.client, web)).at(-1)?.revision, 4);
  });
});

test('a StatefulSet rolls back through its ControllerRevision', async () => {
  const db = await createAndUpdate('StatefulSet', 'db', ['busybox:1.36', 'busybox:1.37']);
  const revisions = await listRevisions(t.client, db);
  assert.deepEqual(
    revisions.map((entry) => [entry.revision, entry.images[0], entry.current]),
    [
      [1, 'busybox:1.36', false],
      [2, 'busybox:1.37', true],
    ],
  );
  assert.match(revisions[0]?.source ?? '', /^db-/);
  assert.match(await diffRevisions(t.client, db, 1, 2), /^\+\s+- image: busybox:1\.37$/m);
  const result = await rollBack(t.client, db, 1);
  assert.equal(result.changed, true);
  assert.equal(await templateImage(db), 'busybox:1.36');
  await rolledOut(db);
  const after = await listRevisions(t.client, db);
  assert.deepEqual(
    after.map((entry) => [entry.revision, entry.images[0], entry.current]),
    [
      [2, 'busybox:1.37', false],
      [3, 'busybox:1.36', true],
    ],
  );
});

test('a DaemonSet rolls back through its ControllerRevision', async () => {
  const agent = await createAndUpdate('DaemonSet', 'agent', ['busybox:1.36', 'busybox:1.37']);
  assert.equal(
    (await listRevisions(t.client, agent)).find((entry) => entry.current)?.images[0],
    'busybox:1.37',
  );
  await rollBack(t.client, agent, 1);
  assert.equal(await templateImage(agent), 'busybox:1.36');
  await rolledOut(agent);
  const status = await rolloutStatus(t.client, agent);
  assert.equal(status.health.state, 'Available');
  assert.equal(status.replicas.desired, status.replicas.available);
});
