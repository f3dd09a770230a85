import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formPathOf, serviceOf, specOf, type WorkloadFormValues } from './workload-form.ts';

const form: WorkloadFormValues = {
  kind: 'Deployment',
  name: ' web ',
  namespace: 'shop',
  replicas: 2,
  labels: [
    { key: 'tier', value: 'front' },
    { key: '', value: '' },
  ],
  job: { completions: 3 },
  containers: [
    {
      name: 'web',
      image: 'nginx:1.27',
      command: 'nginx\n-g\n\n',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      env: [
        { name: 'MODE', source: 'value', value: 'prod' },
        { name: 'PASSWORD', source: 'secret', ref: { name: 'db', key: 'password' } },
      ],
      envFrom: [{ source: 'configMap', name: 'settings' }],
      resources: { requests: { cpu: '100m', memory: '' }, limits: {} },
      readinessProbe: { type: 'http', path: '/healthz', port: '80', periodSeconds: 5 },
      livenessProbe: { type: 'none' },
      lifecycle: { preStop: { type: 'exec', command: 'sleep\n5' } },
      securityContext: { runAsNonRoot: true, runAsUser: null },
    },
  ],
  nodeAffinity: [{ key: 'zone', operator: 'In', values: 'a, b' }],
  podAntiAffinity: [{ labels: 'app=web', topologyKey: 'kubernetes.io/hostname' }],
  tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }],
  service: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] },
};

test('the form becomes the workload API spec with only what was set', () => {
  assert.deepEqual(specOf(form), {
    kind: 'Deployment',
    name: 'web',
    namespace: 'shop',
    labels: { tier: 'front' },
    replicas: 2,
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        command: ['nginx', '-g'],
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        env: [
          { name: 'MODE', value: 'prod' },
          { name: 'PASSWORD', secretKey: { name: 'db', key: 'password' } },
        ],
        envFrom: [{ configMap: 'settings' }],
        resources: { requests: { cpu: '100m' } },
        securityContext: { runAsNonRoot: true },
        readinessProbe: { type: 'http', port: 80, path: '/healthz', periodSeconds: 5 },
        lifecycle: { preStop: { type: 'exec', command: ['sleep', '5'] } },
      },
    ],
    nodeAffinity: { required: [[{ key: 'zone', operator: 'In', values: ['a', 'b'] }]] },
    podAntiAffinity: [{ labels: { app: 'web' }, topologyKey: 'kubernetes.io/hostname' }],
    tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }],
  });
});

test('a Job takes job settings and no replicas; a CronJob its schedule', () => {
  const job = specOf({
    ...form,
    kind: 'CronJob',
    cron: { schedule: '*/5 * * * *' },
    restartPolicy: 'OnFailure',
  });
  assert.equal(job.replicas, undefined);
  assert.deepEqual(job.job, { completions: 3 });
  assert.deepEqual(job.cron, { schedule: '*/5 * * * *' });
  assert.equal(job.restartPolicy, 'OnFailure');
});

test('the Service selects the pods by app name and keeps node ports only where they exist', () => {
  const service = serviceOf(form) as { spec: { selector: unknown; ports: unknown[] } };
  assert.deepEqual(service.spec.selector, { app: 'web' });
  assert.deepEqual(service.spec.ports, [
    { name: 'port-1', port: 80, targetPort: 80, protocol: 'TCP', nodePort: 30080 },
  ]);
  assert.equal(serviceOf({ ...form, service: { type: 'None' } }), undefined);
  assert.equal(serviceOf({ ...form, kind: 'Job' }), undefined);
});

test("a server's field path names the form's field", () => {
  assert.deepEqual(formPathOf('containers[0].image'), ['containers', 0, 'image']);
  assert.deepEqual(formPathOf('containers[0].env[1].secretKey.key'), [
    'containers',
    0,
    'env',
    1,
    'ref',
    'key',
  ]);
  assert.deepEqual(formPathOf('containers[0].envFrom[0].configMap'), ['containers', 0, 'envFrom', 0, 'name']);
  assert.deepEqual(formPathOf('volumes[2].claimName'), ['volumes', 2, 'source']);
  assert.deepEqual(formPathOf('nodeAffinity.required[0][1].values'), ['nodeAffinity', 1, 'values']);
  assert.deepEqual(formPathOf('containers[0].command[2]'), ['containers', 0, 'command']);
  assert.deepEqual(formPathOf('labels.tier'), ['labels']);
  assert.deepEqual(formPathOf('replicas'), ['replicas']);
});

test('init containers, the update strategy in the kind’s terms, and job and schedule settings reach the spec', () => {
  const base: WorkloadFormValues = {
    kind: 'Deployment',
    name: 'w',
    namespace: 'n',
    containers: [{ name: 'c', image: 'i' }],
  };
  const deployment = specOf({
    ...base,
    initContainers: [{ name: 'init', image: 'busybox', command: 'sh\n-c\ntrue' }],
    strategy: { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '0', partition: 2 },
  });
  assert.deepEqual(deployment.initContainers, [
    { name: 'init', image: 'busybox', command: ['sh', '-c', 'true'] },
  ]);
  assert.deepEqual(deployment.strategy, { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: 0 });
  assert.deepEqual(
    specOf({ ...base, kind: 'StatefulSet', strategy: { type: 'RollingUpdate', maxSurge: '1', partition: 2 } })
      .strategy,
    { type: 'RollingUpdate', partition: 2 },
  );
  // A type the kind does not have (chosen before the kind changed) is left out.
  assert.equal(specOf({ ...base, kind: 'StatefulSet', strategy: { type: 'Recreate' } }).strategy, undefined);
  assert.equal(specOf({ ...base, kind: 'Job', strategy: { type: 'Recreate' } }).strategy, undefined);
  const cron = specOf({
    ...base,
    kind: 'CronJob',
    restartPolicy: 'OnFailure',
    job: { activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 0, completions: null },
    cron: {
      schedule: ' 0 3 * * * ',
      timeZone: ' Asia/Shanghai ',
      concurrencyPolicy: 'Forbid',
      suspend: false,
      startingDeadlineSeconds: 60,
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: null,
    },
  });
  assert.deepEqual(cron.job, { activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 0 });
  assert.deepEqual(cron.cron, {
    schedule: '0 3 * * *',
    timeZone: 'Asia/Shanghai',
    concurrencyPolicy: 'Forbid',
    startingDeadlineSeconds: 60,
    successfulJobsHistoryLimit: 1,
  });
  assert.equal(cron.restartPolicy, 'OnFailure');
  assert.deepEqual(formPathOf('initContainers[0].image'), ['initContainers', 0, 'image']);
  assert.deepEqual(formPathOf('cron.timeZone'), ['cron', 'timeZone']);
});
