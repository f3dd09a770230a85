import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidObjectError } from '#server/resources/resource-errors.ts';
import { buildWorkload } from './workload-build.ts';
import type { WorkloadSpec } from './workload-spec.ts';
import { validateWorkloadSpec } from './workload-validate.ts';

const base: WorkloadSpec = {
  kind: 'Deployment',
  name: 'web',
  namespace: 'shop',
  containers: [{ name: 'web', image: 'nginx:1.27' }],
};

const fields = (spec: WorkloadSpec) =>
  validateWorkloadSpec(spec).map((problem) => `${problem.field}: ${problem.message}`);

test('a plain form is valid', () => {
  assert.deepEqual(fields(base), []);
});

test('each field at fault is named, before anything is built', () => {
  const spec: WorkloadSpec = {
    ...base,
    name: 'Web_1',
    replicas: -1,
    containers: [
      {
        name: 'web',
        image: '',
        ports: [
          { containerPort: 70000, name: 'http' },
          { containerPort: 80, name: 'http' },
        ],
        env: [
          { name: '', value: 'x' },
          { name: 'A', configMapKey: { name: 'settings', key: '' } },
        ],
        resources: { requests: { cpu: '2', memory: 'lots' }, limits: { cpu: '500m' } },
        readinessProbe: { type: 'http', path: 'healthz', port: 'no such port name' },
        livenessProbe: { type: 'exec', command: [], successThreshold: 2 },
        lifecycle: { preStop: { type: 'tcp', port: 80 } },
        volumeMounts: [{ volume: 'cache', mountPath: 'tmp' }],
        securityContext: { runAsUser: -5 },
      },
      { name: 'web', image: 'busybox' },
    ],
    initContainers: [{ name: 'init', image: 'busybox', readinessProbe: { type: 'tcp', port: 80 } }],
    volumes: [{ name: 'config', type: 'configMap', configMap: '' }],
    nodeAffinity: { required: [[{ key: 'zone', operator: 'In' }]] },
    podAntiAffinity: [{ labels: {}, topologyKey: '' }],
    tolerations: [{ operator: 'Exists', value: 'x', effect: 'NoSchedule', tolerationSeconds: 5 }],
    strategy: { type: 'OnDelete' },
    restartPolicy: 'Never',
  };
  assert.deepEqual(fields(spec), [
    'name: must be lowercase letters, digits, "-" and ".", up to 63 characters',
    'replicas: must be a whole number of at least 0',
    'strategy.type: must be RollingUpdate or Recreate for a Deployment',
    'volumes[0].configMap: required',
    'containers[0].image: required',
    'containers[0].ports[0].containerPort: must be a whole number from 1 to 65535',
    'containers[0].ports[1].name: "http" is used twice',
    'containers[0].env[0].name: required',
    'containers[0].env[1].configMapKey.key: required',
    'containers[0].resources.requests.memory: "lots" is not a quantity (e.g. 128Mi or 1Gi)',
    'containers[0].resources.requests.cpu: must not be more than the limit (500m)',
    'containers[0].securityContext.runAsUser: must be a whole number of at least 0',
    'containers[0].readinessProbe.port: must be a port number or a named container port',
    'containers[0].readinessProbe.path: must start with /',
    'containers[0].livenessProbe.command: required',
    'containers[0].livenessProbe.successThreshold: must be 1 for liveness and startup probes',
    'containers[0].lifecycle.preStop: a hook runs a command or calls HTTP, not TCP',
    'containers[0].volumeMounts[0].volume: no volume is named "cache"',
    'containers[0].volumeMounts[0].mountPath: must be an absolute path',
    'initContainers[0].readinessProbe: init containers have no probes',
    'containers[1].name: "web" is used by another container',
    'nodeAffinity.required[0][0].values: In needs values',
    'podAntiAffinity[0].topologyKey: required',
    'podAntiAffinity[0].labels: name the labels of the pods to be near or away from',
    'tolerations[0].value: must be empty when the operator is Exists',
    'tolerations[0].tolerationSeconds: only applies to the NoExecute effect',
    'restartPolicy: must be one of Always',
  ]);
});

test('kind-specific settings are checked against the kind', () => {
  assert.deepEqual(fields({ ...base, kind: 'DaemonSet', replicas: 2, job: { completions: 1 } }), [
    'replicas: a DaemonSet has no replica count',
    'job: a DaemonSet has no job settings',
  ]);
  assert.deepEqual(fields({ ...base, kind: 'CronJob', cron: { schedule: 'every day' } }), [
    'cron.schedule: must be five fields (minute hour day-of-month month day-of-week) or a macro such as @hourly',
  ]);
  assert.deepEqual(fields({ ...base, kind: 'CronJob' }), ['cron.schedule: required']);
  assert.deepEqual(fields({ ...base, kind: 'Job', restartPolicy: 'Always' }), [
    'restartPolicy: must be one of OnFailure, Never',
  ]);
  assert.deepEqual(
    fields({ ...base, kind: 'StatefulSet', strategy: { type: 'RollingUpdate', maxSurge: 1, partition: 1 } }),
    ['strategy.maxSurge: StatefulSets do not surge'],
  );
  assert.deepEqual(fields({ ...base, strategy: { type: 'RollingUpdate', maxSurge: 'lots' } }), [
    'strategy.maxSurge: must be a number or a percentage such as 25%',
  ]);
  assert.deepEqual(fields({ ...base, containers: [] }), ['containers: at least one container is required']);
});

test('a schedule is read field by field, with the field at fault; a time zone must be one', () => {
  const cron = (schedule: string, timeZone?: string) =>
    fields({ ...base, kind: 'CronJob', cron: { schedule, ...(timeZone ? { timeZone } : {}) } });
  for (const good of [
    '*/5 * * * *',
    '0 9 * * MON-FRI',
    '30 2 1,15 * *',
    '@daily',
    '0 0 * JAN,JUL 0/2',
    '15 14 * * 7',
  ])
    assert.deepEqual(cron(good), [], good);
  assert.deepEqual(cron('61 * * * *'), ['cron.schedule: minute: "61" is outside 0–59']);
  assert.deepEqual(cron('0 9 * * 5-1'), ['cron.schedule: dayOfWeek: "5-1" runs backwards']);
  assert.deepEqual(cron('0 0 32 * *'), ['cron.schedule: dayOfMonth: "32" is outside 1–31']);
  assert.deepEqual(cron('*/0 * * * *'), ['cron.schedule: minute: a step must be 1 or more']);
  assert.deepEqual(cron('@every 5m'), [
    'cron.schedule: @every is not a CronJob schedule; use five fields such as */5 * * * *',
  ]);
  assert.deepEqual(cron('CRON_TZ=UTC 0 * * * *'), [
    'cron.schedule: set the time zone in timeZone, not in the schedule',
  ]);
  assert.deepEqual(cron('0 9 * * *', 'Asia/Shanghai'), []);
  assert.deepEqual(cron('0 9 * * *', 'Mars/Olympus'), [
    'cron.timeZone: is not a time zone name such as Europe/Berlin or Asia/Shanghai',
  ]);
});

test('update strategies: rolling settings only with RollingUpdate, and a rollout that can move', () => {
  assert.deepEqual(fields({ ...base, strategy: { type: 'Recreate', maxSurge: 1 } as never }), [
    'strategy.maxSurge: only a RollingUpdate has maxSurge',
  ]);
  assert.deepEqual(
    fields({ ...base, strategy: { type: 'RollingUpdate', maxSurge: 0, maxUnavailable: '0%' } }),
    ['strategy.maxUnavailable: may not be 0 when maxSurge is 0 too'],
  );
  assert.deepEqual(
    fields({ ...base, kind: 'DaemonSet', strategy: { type: 'RollingUpdate', maxSurge: '10%' } }),
    [],
  );
  assert.deepEqual(fields({ ...base, kind: 'StatefulSet', strategy: { type: 'OnDelete' } }), []);
  assert.deepEqual(fields({ ...base, kind: 'Job', strategy: { type: 'Recreate' } }), [
    'strategy: a Job has no update strategy',
  ]);
  assert.deepEqual(
    fields({
      ...base,
      kind: 'Job',
      job: { ttlSecondsAfterFinished: 0, activeDeadlineSeconds: 0, backoffLimit: 0 },
    }),
    ['job.activeDeadlineSeconds: must be a whole number of at least 1'],
  );
});

test('building an invalid form throws InvalidObjectError with the fields', () => {
  assert.throws(
    () => buildWorkload({ ...base, containers: [{ name: 'web', image: '' }] }),
    (error: unknown) =>
      error instanceof InvalidObjectError &&
      error.message === 'Deployment "web" is invalid:\n- containers[0].image: required' &&
      error.fields[0]?.field === 'containers[0].image',
  );
});
