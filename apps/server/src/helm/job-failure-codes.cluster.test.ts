/**
 * A Helm operation that fails in its job keeps why as a code and values beside the English (issue #10),
 * read back through the jobs API: a release whose objects never get ready within the timeout, and an
 * upgrade whose pre-upgrade hook never completes. The real helm on a shared sandbox, on charts this
 * test packages itself (packaged-charts.ts).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { JobDetail } from '@portolan/api';
import { kubectl, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { packageTestCharts } from './testing/packaged-charts.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
const CLUSTER = 'hfail';
const ns = uniqueNamespace('hfail');
const base = `/api/v1/clusters/${CLUSTER}/helm/releases`;
let harness: Harness;
let charts: Awaited<ReturnType<typeof packageTestCharts>>;

before(async () => {
  assert.ok(sandbox, 'a shared sandbox');
  charts = await packageTestCharts(path.join(binDir, 'helm'));
  harness = await startHarness({ chartSource: charts.source });
  await harness.register(CLUSTER, sandbox.kubeconfig);
});
after(async () => {
  await harness?.stop({ removeData: true });
  await charts?.cleanup();
  await kubectl(binDir, sandbox?.kubeconfig ?? '', ['delete', 'namespace', ns, '--wait=false']);
});

/** Starts an operation and reads its job, once ended, as the API answers it. */
async function failed(url: string, body: unknown): Promise<JobDetail> {
  const started = await harness.call<{ id: string }>('POST', url, body);
  assert.equal(started.status, 202, JSON.stringify(started.body));
  await harness.portolan.jobs.finished(started.body.id);
  const job = await harness.call<JobDetail>('GET', `/api/v1/jobs/${started.body.id}`);
  assert.equal(job.status, 200);
  assert.equal(job.body.state, 'failed', JSON.stringify(job.body));
  return job.body;
}

test('objects not ready within the timeout: the job keeps the code, the timeout and helm’s words', async () => {
  const job = await failed(base, {
    chart: { repository: 'test', chart: 'web', version: '1.0.0' },
    name: 'late',
    namespace: ns,
    createNamespace: true,
    values: 'nodeSelector:\n  no-such-label: "true"\n',
    timeoutSeconds: 5,
  });
  assert.equal(job.errorCode, 'not-ready-in-time', job.error ?? '');
  assert.equal(job.errorParams?.seconds, '5');
  const detail = String(job.errorParams?.detail);
  assert.match(detail, /late-web|context deadline exceeded/);
  assert.equal(job.error, `not every object was ready within 5 s: ${detail}`);
  // The last step says the same, its code and values beside its reason.
  const last = job.steps.at(-1);
  assert.equal(last?.code, 'failed');
  assert.deepEqual(last?.params, {
    reason: job.error,
    reasonCode: 'not-ready-in-time',
    'reason.seconds': '5',
    'reason.detail': detail,
  });
});

test('an upgrade whose hook fails: the job keeps which hook, and helm’s words, as the code’s values', async () => {
  const hooky = (version: string) => ({ repository: 'test', chart: 'hooky', version });
  const installed = await harness.call<{ id: string }>('POST', base, {
    chart: hooky('1.0.0'),
    name: 'hooked',
    namespace: ns,
    createNamespace: true,
    timeoutSeconds: 30,
  });
  assert.equal(installed.status, 202, JSON.stringify(installed.body));
  assert.equal((await harness.portolan.jobs.finished(installed.body.id)).state, 'succeeded');
  const job = await failed(`${base}/${ns}/hooked/upgrade`, { chart: hooky('2.0.0'), timeoutSeconds: 4 });
  assert.equal(job.errorCode, 'hook-failed', job.error ?? '');
  assert.equal(job.errorParams?.hook, 'pre-upgrade');
  assert.match(String(job.errorParams?.detail), /pre-upgrade/);
  assert.equal(job.error, `the pre-upgrade hook failed: ${job.errorParams?.detail}`);
  assert.equal(job.steps.at(-1)?.params.reasonCode, 'hook-failed');
  // A job that ended well has neither.
  const list = await harness.call<{ items: JobDetail[] }>(
    'GET',
    `/api/v1/jobs?cluster=${CLUSTER}&state=succeeded`,
  );
  assert.ok(list.body.items.length > 0);
  assert.ok(list.body.items.every((item) => item.errorCode === undefined && item.errorParams === undefined));
});
