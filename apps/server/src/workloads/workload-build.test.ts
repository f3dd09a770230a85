import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildWorkload } from './workload-build.ts';
import type { WorkloadSpec } from './workload-spec.ts';

const pod = (manifest: ReturnType<typeof buildWorkload>) =>
  (
    manifest.spec as {
      template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> };
    }
  ).template;

test('a Deployment form becomes the manifest kubectl would write', () => {
  const manifest = buildWorkload({
    kind: 'Deployment',
    name: 'web',
    namespace: 'shop',
    labels: { tier: 'front' },
    replicas: 2,
    strategy: { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: 0 },
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        command: ['nginx'],
        args: ['-g', 'daemon off;'],
        ports: [{ containerPort: 80, name: 'http' }],
        env: [
          { name: 'MODE', value: 'prod' },
          { name: 'LEVEL', configMapKey: { name: 'settings', key: 'level' } },
          { name: 'TOKEN', secretKey: { name: 'creds', key: 'token', optional: true } },
        ],
        envFrom: [{ configMap: 'settings', prefix: 'CFG_' }, { secret: 'creds' }],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
        securityContext: { runAsUser: 1000, runAsNonRoot: true },
        readinessProbe: { type: 'http', path: '/ready', port: 'http', periodSeconds: 5 },
        livenessProbe: { type: 'tcp', port: 80 },
        startupProbe: { type: 'exec', command: ['cat', '/tmp/started'], failureThreshold: 30 },
        lifecycle: {
          preStop: { type: 'exec', command: ['sleep', '5'] },
          postStart: { type: 'http', port: 80 },
        },
        volumeMounts: [{ volume: 'config', mountPath: '/etc/web', readOnly: true }],
      },
    ],
    initContainers: [{ name: 'migrate', image: 'busybox:1', command: ['true'] }],
    volumes: [
      { name: 'config', type: 'configMap', configMap: 'settings', defaultMode: 0o644 },
      { name: 'creds', type: 'secret', secret: 'creds' },
      { name: 'data', type: 'pvc', claimName: 'data' },
      { name: 'cache', type: 'emptyDir', medium: 'Memory', sizeLimit: '64Mi' },
    ],
    nodeSelector: { disktype: 'ssd' },
    nodeAffinity: {
      required: [[{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a', 'b'] }]],
      preferred: [{ weight: 10, match: [{ key: 'gpu', operator: 'DoesNotExist' }] }],
    },
    podAffinity: [{ labels: { app: 'cache' }, topologyKey: 'kubernetes.io/hostname' }],
    podAntiAffinity: [{ labels: { app: 'web' }, topologyKey: 'kubernetes.io/hostname', weight: 50 }],
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
  });
  assert.equal(manifest.apiVersion, 'apps/v1');
  assert.deepEqual(manifest.metadata, {
    name: 'web',
    namespace: 'shop',
    labels: { app: 'web', tier: 'front' },
  });
  const spec = manifest.spec as Record<string, unknown>;
  assert.deepEqual(spec.selector, { matchLabels: { app: 'web' } });
  assert.deepEqual(spec.strategy, {
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
  });
  const template = pod(manifest);
  assert.deepEqual(template.metadata.labels, { tier: 'front', app: 'web' });
  const [container] = template.spec.containers as Record<string, unknown>[];
  assert.deepEqual(container?.env, [
    { name: 'MODE', value: 'prod' },
    { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'level' } } },
    { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token', optional: true } } },
  ]);
  assert.deepEqual(container?.envFrom, [
    { prefix: 'CFG_', configMapRef: { name: 'settings' } },
    { secretRef: { name: 'creds' } },
  ]);
  assert.deepEqual(container?.readinessProbe, {
    httpGet: { path: '/ready', port: 'http' },
    periodSeconds: 5,
  });
  assert.deepEqual(container?.livenessProbe, { tcpSocket: { port: 80 } });
  assert.deepEqual(container?.startupProbe, {
    exec: { command: ['cat', '/tmp/started'] },
    failureThreshold: 30,
  });
  assert.deepEqual(container?.lifecycle, {
    postStart: { httpGet: { path: '/', port: 80 } },
    preStop: { exec: { command: ['sleep', '5'] } },
  });
  assert.deepEqual(container?.volumeMounts, [{ name: 'config', mountPath: '/etc/web', readOnly: true }]);
  assert.deepEqual(template.spec.volumes, [
    { name: 'config', configMap: { name: 'settings', defaultMode: 0o644 } },
    { name: 'creds', secret: { secretName: 'creds' } },
    { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
    { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
  ]);
  assert.deepEqual(template.spec.affinity, {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a', 'b'] }] },
        ],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 10, preference: { matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] } },
      ],
    },
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' },
      ],
    },
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 50,
          podAffinityTerm: {
            labelSelector: { matchLabels: { app: 'web' } },
            topologyKey: 'kubernetes.io/hostname',
          },
        },
      ],
    },
  });
  assert.equal(template.spec.restartPolicy, 'Always');
  assert.deepEqual(template.spec.nodeSelector, { disktype: 'ssd' });
});

test('each kind gets its own shape', () => {
  const common: Omit<WorkloadSpec, 'kind'> = {
    name: 'w',
    namespace: 'n',
    containers: [{ name: 'c', image: 'busybox' }],
  };
  const sts = buildWorkload({
    ...common,
    kind: 'StatefulSet',
    strategy: { type: 'RollingUpdate', partition: 1 },
  });
  assert.deepEqual(
    {
      serviceName: (sts.spec as Record<string, unknown>).serviceName,
      updateStrategy: (sts.spec as Record<string, unknown>).updateStrategy,
    },
    { serviceName: 'w', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } },
  );
  const ds = buildWorkload({ ...common, kind: 'DaemonSet', strategy: { type: 'OnDelete' } });
  assert.equal((ds.spec as Record<string, unknown>).replicas, undefined);
  const job = buildWorkload({ ...common, kind: 'Job', job: { backoffLimit: 2, completions: 3 } });
  assert.equal(
    (job.spec as Record<string, unknown>).selector,
    undefined,
    'the Job controller makes its selector',
  );
  assert.equal(pod(job).spec.restartPolicy, 'Never');
  assert.equal((job.spec as Record<string, unknown>).backoffLimit, 2);
  const cron = buildWorkload({
    ...common,
    kind: 'CronJob',
    cron: { schedule: '*/5 * * * *', concurrencyPolicy: 'Forbid' },
  });
  const cronSpec = cron.spec as {
    schedule: string;
    concurrencyPolicy: string;
    jobTemplate: { spec: { template: unknown } };
  };
  assert.equal(cronSpec.schedule, '*/5 * * * *');
  assert.equal(cronSpec.concurrencyPolicy, 'Forbid');
  assert.ok(cronSpec.jobTemplate.spec.template);
});

test('a Job and a CronJob carry every job and schedule setting, init containers before the containers', () => {
  const common: Omit<WorkloadSpec, 'kind' | 'name'> = {
    namespace: 'n',
    containers: [{ name: 'c', image: 'busybox' }],
    initContainers: [{ name: 'wait', image: 'busybox', command: ['sh', '-c', 'true'] }],
    restartPolicy: 'OnFailure',
  };
  const job = {
    completions: 4,
    parallelism: 2,
    backoffLimit: 3,
    activeDeadlineSeconds: 600,
    ttlSecondsAfterFinished: 3600,
  };
  const built = buildWorkload({ ...common, kind: 'Job', name: 'once', job });
  const { template, ...jobSpec } = built.spec as { template: { spec: Record<string, unknown> } };
  assert.deepEqual(jobSpec, job);
  assert.equal(template.spec.restartPolicy, 'OnFailure');
  assert.deepEqual(
    (template.spec.initContainers as { name: string }[]).map((container) => container.name),
    ['wait'],
  );
  const cron = {
    schedule: ' 0 9 * * MON-FRI ',
    timeZone: 'Asia/Shanghai',
    concurrencyPolicy: 'Replace' as const,
    suspend: true,
    startingDeadlineSeconds: 120,
    successfulJobsHistoryLimit: 5,
    failedJobsHistoryLimit: 2,
  };
  const cronJob = buildWorkload({ ...common, kind: 'CronJob', name: 'weekdays', job, cron });
  const { jobTemplate, ...cronSpec } = cronJob.spec as {
    jobTemplate: { spec: { template: { spec: Record<string, unknown> } } & Record<string, unknown> };
  };
  assert.deepEqual(cronSpec, { ...cron, schedule: '0 9 * * MON-FRI' });
  const { template: cronTemplate, ...cronJobSpec } = jobTemplate.spec;
  assert.deepEqual(cronJobSpec, job);
  assert.equal(cronTemplate.spec.restartPolicy, 'OnFailure');
});

test('update strategies as each kind writes them', () => {
  const common = { name: 'w', namespace: 'n', containers: [{ name: 'c', image: 'busybox' }] };
  const strategyOf = (spec: WorkloadSpec) => {
    const built = buildWorkload(spec).spec as Record<string, unknown>;
    return built.strategy ?? built.updateStrategy;
  };
  assert.deepEqual(strategyOf({ ...common, kind: 'Deployment', strategy: { type: 'Recreate' } }), {
    type: 'Recreate',
  });
  assert.deepEqual(
    strategyOf({
      ...common,
      kind: 'DaemonSet',
      strategy: { type: 'RollingUpdate', maxSurge: '10%', maxUnavailable: 0 },
    }),
    { type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%', maxUnavailable: 0 } },
  );
  assert.deepEqual(strategyOf({ ...common, kind: 'StatefulSet', strategy: { type: 'OnDelete' } }), {
    type: 'OnDelete',
  });
});
