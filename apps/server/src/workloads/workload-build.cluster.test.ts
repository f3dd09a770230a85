import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { prepareNamespace, type TestNamespace } from './testing/sandbox-namespace.ts';
import { createWorkload } from './workload-create.ts';
import type { WorkloadSpec } from './workload-spec.ts';

let t: TestNamespace;
before(async () => {
  t = await prepareNamespace('workload-build');
});
after(() => t.cleanup());

const common = {
  namespace: '',
  containers: [{ name: 'main', image: 'busybox:1', command: ['sh', '-c', 'echo done'] }],
  initContainers: [{ name: 'wait', image: 'busybox:1', command: ['sh', '-c', 'true'] }],
  restartPolicy: 'OnFailure' as const,
};
const job = {
  completions: 3,
  parallelism: 2,
  backoffLimit: 4,
  activeDeadlineSeconds: 900,
  ttlSecondsAfterFinished: 3600,
};

test('a Job and a CronJob from the form are created with every setting, as the cluster reads them back', async () => {
  const specs: WorkloadSpec[] = [
    { ...common, namespace: t.namespace, kind: 'Job', name: 'batch', job },
    {
      ...common,
      namespace: t.namespace,
      kind: 'CronJob',
      name: 'weekdays',
      job,
      cron: {
        schedule: '30 9 * * MON-FRI',
        timeZone: 'Asia/Shanghai',
        concurrencyPolicy: 'Forbid',
        suspend: true,
        startingDeadlineSeconds: 120,
        successfulJobsHistoryLimit: 5,
        failedJobsHistoryLimit: 2,
      },
    },
  ];
  for (const spec of specs) await createWorkload(t.client, spec, { fieldManager: 'portolan-test' });

  type PodTemplate = {
    spec: { restartPolicy: string; initContainers: { name: string }[]; containers: { name: string }[] };
  };
  type JobSpec = typeof job & { template: PodTemplate };
  const live = await t.getJson<{ spec: JobSpec }>('job', 'batch');
  for (const [key, value] of Object.entries(job))
    assert.equal(live.spec[key as keyof typeof job], value, key);
  assert.equal(live.spec.template.spec.restartPolicy, 'OnFailure');
  assert.deepEqual(
    live.spec.template.spec.initContainers.map((container) => container.name),
    ['wait'],
  );

  const cron = await t.getJson<{
    spec: Record<string, unknown> & { jobTemplate: { spec: JobSpec } };
  }>('cronjob', 'weekdays');
  const { jobTemplate, ...cronSpec } = cron.spec;
  assert.deepEqual(
    {
      schedule: cronSpec.schedule,
      timeZone: cronSpec.timeZone,
      concurrencyPolicy: cronSpec.concurrencyPolicy,
      suspend: cronSpec.suspend,
      startingDeadlineSeconds: cronSpec.startingDeadlineSeconds,
      successfulJobsHistoryLimit: cronSpec.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: cronSpec.failedJobsHistoryLimit,
    },
    specs[1]?.cron,
  );
  for (const [key, value] of Object.entries(job))
    assert.equal(jobTemplate.spec[key as keyof typeof job], value, `jobTemplate ${key}`);
  assert.deepEqual(
    jobTemplate.spec.template.spec.initContainers.map((container) => container.name),
    ['wait'],
  );
});
