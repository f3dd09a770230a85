import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from '@portolan/sandbox/testing';
import {
  ForbiddenError,
  InvalidObjectError,
  NotFoundError,
  ResourceError,
} from '#server/resources/resource-errors.ts';
import { getAutoscaler, removeAutoscaler, setAutoscaler } from './autoscaler.ts';
import { scaleWorkload } from './scale.ts';
import { prepareNamespace, type TestNamespace } from './testing/sandbox-namespace.ts';
import { createWorkload } from './workload-create.ts';
import type { WorkloadRef } from './workload-kinds.ts';

let t: TestNamespace;
let web: WorkloadRef;

before(async () => {
  t = await prepareNamespace('scale');
  web = { kind: 'Deployment', namespace: t.namespace, name: 'web' };
  await createWorkload(t.client, {
    ...web,
    containers: [
      { name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
    ],
  });
});

after(() => t.cleanup());

test('scale sets the replica count and the pods follow', async () => {
  const scaled = await scaleWorkload(t.client, web, 3);
  assert.equal(scaled.replicas, 3);
  await eventually('3 ready replicas', async () => {
    const status = (await t.getJson<{ status: { readyReplicas?: number } }>('deploy', 'web')).status;
    return status.readyReplicas === 3 ? true : undefined;
  });
  const dry = await scaleWorkload(t.client, web, 5, { dryRun: true });
  assert.equal(dry.replicas, 5);
  assert.equal((await t.getJson<{ spec: { replicas: number } }>('deploy', 'web')).spec.replicas, 3);
  await assert.rejects(scaleWorkload(t.client, web, -1), InvalidObjectError);
  await assert.rejects(
    scaleWorkload(t.client, { ...web, kind: 'DaemonSet' }, 2),
    (error: unknown) =>
      error instanceof ResourceError &&
      /scaling applies to Deployment and StatefulSet, not to a DaemonSet/.test(error.message),
  );
});

test('a viewer may not scale: the error names the verb, the scale subresource and the namespace', async () => {
  const viewer = await t.viewerClient();
  await assert.rejects(scaleWorkload(viewer, web, 1), (error: unknown) => {
    assert.ok(error instanceof ForbiddenError, String(error));
    assert.equal(error.verb, 'patch');
    assert.match(
      error.message,
      new RegExp(`not allowed to patch deployments\\.apps/scale "web" in namespace "${t.namespace}"`),
    );
    return true;
  });
});

test('an autoscaler is created, changed and removed', async () => {
  assert.equal(await getAutoscaler(t.client, web), undefined);
  const created = await setAutoscaler(t.client, web, { minReplicas: 1, maxReplicas: 5, cpuUtilization: 70 });
  assert.deepEqual(
    { name: created.name, min: created.minReplicas, max: created.maxReplicas, cpu: created.cpuUtilization },
    { name: 'web', min: 1, max: 5, cpu: 70 },
  );
  const hpa = await t.getJson<{ spec: { scaleTargetRef: unknown; metrics: unknown[] } }>(
    'hpa.v2.autoscaling',
    'web',
  );
  assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
  const changed = await setAutoscaler(t.client, web, {
    minReplicas: 2,
    maxReplicas: 8,
    memoryUtilization: 80,
  });
  assert.deepEqual(
    [changed.minReplicas, changed.maxReplicas, changed.cpuUtilization, changed.memoryUtilization],
    [2, 8, undefined, 80],
  );
  const read = await getAutoscaler(t.client, web);
  assert.equal(read?.memoryUtilization, 80);
  assert.equal(
    (await t.k('get', 'hpa', '-n', t.namespace, '-o', 'name')).trim(),
    'horizontalpodautoscaler.autoscaling/web',
  );
  await removeAutoscaler(t.client, web);
  assert.equal(await getAutoscaler(t.client, web), undefined);
  await assert.rejects(removeAutoscaler(t.client, web), NotFoundError);
  await assert.rejects(setAutoscaler(t.client, web, { minReplicas: 3, maxReplicas: 2 }), (error: unknown) => {
    assert.ok(error instanceof InvalidObjectError);
    assert.deepEqual(
      error.fields.map((field) => field.field),
      ['maxReplicas', 'cpuUtilization'],
    );
    return true;
  });
});
