import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from '@portolan/sandbox/testing';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { rerunJob, resumeCronJob, suspendCronJob, triggerCronJob } from './job-actions.ts';
import { prepareNamespace, type TestNamespace } from './testing/sandbox-namespace.ts';
import { createWorkload } from './workload-create.ts';
import type { WorkloadRef } from './workload-kinds.ts';
import { workloadView } from './workload-view.ts';

let t: TestNamespace;

before(async () => {
  t = await prepareNamespace('jobs');
});

after(() => t.cleanup());

const container = { name: 'main', image: 'busybox:1', command: ['echo', 'done'] };

const completed = (ref: WorkloadRef) =>
  eventually(`${ref.name} complete`, async () => {
    const view = await workloadView(t.client, ref);
    return view.health.state === 'Complete' ? view : undefined;
  });

test('a Job is re-run from its spec under the same name, and completes again', async () => {
  const ref: WorkloadRef = { kind: 'Job', namespace: t.namespace, name: 'migrate' };
  const first = await createWorkload(t.client, { ...ref, containers: [container], job: { backoffLimit: 1 } });
  const view = await completed(ref);
  assert.equal(view.pods.length, 1);
  assert.equal(view.pods[0]?.phase, 'Succeeded');
  const again = await rerunJob(t.client, ref);
  assert.equal(again.metadata?.name, 'migrate');
  assert.notEqual(again.metadata?.uid, first.metadata?.uid);
  const labels = (again.spec as { template: KubeObject }).template.metadata?.labels ?? {};
  assert.equal(
    labels['batch.kubernetes.io/controller-uid'],
    again.metadata?.uid,
    'the controller chose a new selector',
  );
  await completed(ref);
  const copy = await rerunJob(t.client, ref, { name: 'migrate-copy' });
  assert.equal(copy.metadata?.name, 'migrate-copy');
  assert.equal((await t.k('get', 'jobs', '-n', t.namespace, '-o', 'name')).trim().split('\n').length, 2);
});

test('a CronJob is triggered now (a Job it owns, marked manual, that completes), suspended and resumed', async () => {
  const ref: WorkloadRef = { kind: 'CronJob', namespace: t.namespace, name: 'report' };
  const cron = await createWorkload(t.client, {
    ...ref,
    containers: [container],
    cron: { schedule: '0 0 1 1 *', suspend: false },
  });
  const job = await triggerCronJob(t.client, ref);
  assert.match(job.metadata?.name ?? '', /^report-manual-/);
  assert.equal(job.metadata?.annotations?.['cronjob.kubernetes.io/instantiate'], 'manual');
  assert.deepEqual(
    job.metadata?.ownerReferences?.map((owner) => [owner.kind, owner.name, owner.uid, owner.controller]),
    [['CronJob', 'report', cron.metadata?.uid, true]],
  );
  const jobRef: WorkloadRef = { kind: 'Job', namespace: t.namespace, name: job.metadata?.name ?? '' };
  await completed(jobRef);
  const view = await workloadView(t.client, ref);
  assert.equal(view.pods.length, 1, 'the pods of its jobs');
  assert.equal(view.health.state, 'Available');
  await suspendCronJob(t.client, ref);
  assert.equal((await workloadView(t.client, ref)).health.state, 'Suspended');
  await resumeCronJob(t.client, ref);
  assert.equal((await t.getJson<{ spec: { suspend: boolean } }>('cronjob', 'report')).spec.suspend, false);
});
