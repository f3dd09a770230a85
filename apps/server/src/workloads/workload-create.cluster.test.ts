import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from '@portolan/sandbox/testing';
import { InvalidObjectError, ResourceError } from '#server/resources/resource-errors.ts';
import { unreachableClient } from '#server/testing/sandbox-clients.ts';
import { prepareNamespace, type TestNamespace } from './testing/sandbox-namespace.ts';
import { applyWorkload, createWorkload } from './workload-create.ts';
import type { WorkloadSpec } from './workload-spec.ts';

let t: TestNamespace;

before(async () => {
  t = await prepareNamespace('workload-create');
  await t.k('create', 'configmap', 'settings', '--from-literal=level=debug', '-n', t.namespace);
  await t.k('create', 'secret', 'generic', 'creds', '--from-literal=token=s3cret', '-n', t.namespace);
});

after(() => t.cleanup());

const rich = (name: string): WorkloadSpec => ({
  kind: 'Deployment',
  name,
  namespace: t.namespace,
  replicas: 2,
  labels: { tier: 'front' },
  strategy: { type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 },
  containers: [
    {
      name: 'web',
      image: 'nginx:1.27',
      args: ['-g', 'daemon off;'],
      ports: [{ containerPort: 80, name: 'http' }],
      env: [
        { name: 'MODE', value: 'prod' },
        { name: 'LEVEL', configMapKey: { name: 'settings', key: 'level' } },
        { name: 'TOKEN', secretKey: { name: 'creds', key: 'token' } },
      ],
      envFrom: [{ configMap: 'settings', prefix: 'CFG_' }],
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
      securityContext: { runAsUser: 1000, allowPrivilegeEscalation: false },
      readinessProbe: { type: 'http', path: '/', port: 'http' },
      livenessProbe: { type: 'tcp', port: 80, periodSeconds: 20 },
      startupProbe: { type: 'exec', command: ['true'] },
      lifecycle: { preStop: { type: 'exec', command: ['sleep', '1'] } },
      volumeMounts: [
        { volume: 'config', mountPath: '/etc/web' },
        { volume: 'cache', mountPath: '/cache' },
      ],
    },
  ],
  initContainers: [{ name: 'init', image: 'busybox:1', command: ['true'] }],
  volumes: [
    { name: 'config', type: 'configMap', configMap: 'settings' },
    { name: 'secret', type: 'secret', secret: 'creds' },
    { name: 'data', type: 'pvc', claimName: 'data' },
    { name: 'cache', type: 'emptyDir' },
  ],
  nodeAffinity: { required: [[{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }]] },
  podAntiAffinity: [{ labels: { app: name }, topologyKey: 'kubernetes.io/hostname', weight: 100 }],
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
  securityContext: { fsGroup: 2000 },
});

test('a Deployment from a full form is accepted by the API server as built', async () => {
  const created = await createWorkload(t.client, rich('full'), { fieldManager: 'portolan-test' });
  assert.equal(created.metadata?.name, 'full');
  const live = await t.getJson<{ spec: { template: { spec: Record<string, unknown> } } }>('deploy', 'full');
  const podSpec = live.spec.template.spec as {
    containers: { env: unknown[]; securityContext: { runAsUser: number }; readinessProbe: unknown }[];
    affinity: Record<string, unknown>;
    securityContext: { fsGroup: number };
  };
  assert.equal(podSpec.containers[0]?.securityContext.runAsUser, 1000);
  assert.deepEqual(podSpec.containers[0]?.env[1], {
    name: 'LEVEL',
    valueFrom: { configMapKeyRef: { name: 'settings', key: 'level' } },
  });
  assert.ok(podSpec.affinity.nodeAffinity && podSpec.affinity.podAntiAffinity);
  assert.equal(podSpec.securityContext.fsGroup, 2000);
});

test('StatefulSet, DaemonSet, Job and CronJob forms are created (dry run) as the server accepts them', async () => {
  const common = {
    namespace: t.namespace,
    containers: [{ name: 'main', image: 'busybox:1', command: ['true'] }],
  };
  const specs: WorkloadSpec[] = [
    {
      ...common,
      kind: 'StatefulSet',
      name: 'db',
      replicas: 1,
      strategy: { type: 'RollingUpdate', partition: 0 },
    },
    { ...common, kind: 'DaemonSet', name: 'agent', strategy: { type: 'RollingUpdate', maxUnavailable: 1 } },
    { ...common, kind: 'Job', name: 'once', job: { backoffLimit: 1, ttlSecondsAfterFinished: 600 } },
    {
      ...common,
      kind: 'CronJob',
      name: 'nightly',
      cron: { schedule: '0 3 * * *', concurrencyPolicy: 'Forbid' },
    },
  ];
  for (const spec of specs) {
    const dry = await createWorkload(t.client, spec, { dryRun: true });
    assert.equal(dry.kind, spec.kind);
  }
  const listed = await t.k('get', 'statefulsets,daemonsets,jobs,cronjobs', '-n', t.namespace, '-o', 'name');
  assert.equal(listed.trim(), '', 'a dry run stores nothing');
});

test('a form is applied again to change it; fields it no longer sets go away', async () => {
  const spec: WorkloadSpec = {
    kind: 'Deployment',
    name: 'applied',
    namespace: t.namespace,
    containers: [{ name: 'web', image: 'nginx:1.26', env: [{ name: 'A', value: '1' }] }],
  };
  await applyWorkload(t.client, spec, { fieldManager: 'portolan-form' });
  await applyWorkload(
    t.client,
    { ...spec, replicas: 2, containers: [{ name: 'web', image: 'nginx:1.27' }] },
    { fieldManager: 'portolan-form' },
  );
  const live = await t.getJson<{
    spec: { replicas: number; template: { spec: { containers: { image: string; env?: unknown }[] } } };
  }>('deploy', 'applied');
  assert.equal(live.spec.replicas, 2);
  assert.equal(live.spec.template.spec.containers[0]?.image, 'nginx:1.27');
  assert.equal(live.spec.template.spec.containers[0]?.env, undefined);
  await eventually('2 ready replicas', async () => {
    const status = (await t.getJson<{ status: { readyReplicas?: number } }>('deploy', 'applied')).status;
    return status.readyReplicas === 2 ? true : undefined;
  });
});

test('an invalid form is refused with its fields before anything is sent', async () => {
  const gone = await unreachableClient();
  await assert.rejects(
    createWorkload(gone, { ...rich('bad'), containers: [{ name: 'web', image: '' }] }),
    (error: unknown) =>
      error instanceof InvalidObjectError && error.fields[0]?.field === 'containers[0].image',
  );
  gone.close();
  await assert.rejects(createWorkload(t.client, rich('full')), (error: unknown) => {
    assert.ok(error instanceof ResourceError);
    assert.equal(error.code, 'already-exists');
    return true;
  });
});
