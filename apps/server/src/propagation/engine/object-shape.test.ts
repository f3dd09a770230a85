import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '#server/resources/kube-object.ts';
import {
  applyOrder,
  cleanObject,
  GENERATION_ANNOTATION,
  markObject,
  PROPAGATION_LABEL,
} from './object-shape.ts';
import { dependenciesOf } from './source-objects.ts';

test('an object read from a cluster loses status and what the cluster set, and nothing else', () => {
  const source: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: 'u1',
      resourceVersion: '7',
      generation: 2,
      creationTimestamp: '2026-01-01T00:00:00Z',
      managedFields: [{ manager: 'kubectl' }],
      labels: { app: 'web' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'r', controller: true },
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'c' },
      ],
    },
    spec: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ports: [{ port: 80 }] },
    status: { loadBalancer: {} },
  };
  const clean = cleanObject(source);
  assert.deepEqual(clean, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'web',
      namespace: 'shop',
      labels: { app: 'web' },
      annotations: { keep: 'me' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'c' }],
    },
    spec: { ports: [{ port: 80 }] },
  });
  assert.equal((source.metadata as { uid?: string }).uid, 'u1', 'the input is left as it was');
  const claim = cleanObject({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'c' },
    spec: { volumeName: 'pv-1', resources: {} },
  });
  assert.deepEqual(claim.spec, { resources: {} });
});

test('the label goes on the object and its pod template (a CronJob’s too), the generation on the object', () => {
  const cron = markObject(
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'shop' },
      spec: { jobTemplate: { spec: { template: { spec: { containers: [] } } } } },
    },
    'shop',
    3,
  );
  assert.equal(cron.metadata?.labels?.[PROPAGATION_LABEL], 'shop');
  assert.equal(cron.metadata?.annotations?.[GENERATION_ANNOTATION], '3');
  const template = (cron.spec as { jobTemplate: { spec: { template: { metadata: { labels: object } } } } })
    .jobTemplate.spec.template;
  assert.deepEqual(template.metadata.labels, { [PROPAGATION_LABEL]: 'shop' });
  const config = markObject(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: 'b' } } },
    'p',
    1,
  );
  assert.deepEqual(config.metadata?.labels, { a: 'b', [PROPAGATION_LABEL]: 'p' });
  assert.equal(config.spec, undefined);
});

test('namespaces first, then CRDs, cluster-scoped kinds, what pods mount, then the rest; otherwise as given', () => {
  const o = (kind: string, namespace?: string) => ({
    object: {
      apiVersion: kind === 'CustomResourceDefinition' ? 'apiextensions.k8s.io/v1' : 'v1',
      kind,
      metadata: { name: kind, ...(namespace ? { namespace } : {}) },
    },
  });
  const ordered = applyOrder([
    o('Deployment', 'a'),
    o('ConfigMap', 'a'),
    o('ClusterRole'),
    o('Service', 'a'),
    o('CustomResourceDefinition'),
    o('Namespace'),
  ]);
  assert.deepEqual(
    ordered.map((item) => item.object.kind),
    ['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ConfigMap', 'Deployment', 'Service'],
  );
});

test('a workload’s dependencies: mounted, named in env, pulled with, run as; never the defaults every namespace has', () => {
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      template: {
        spec: {
          serviceAccountName: 'runner',
          imagePullSecrets: [{ name: 'pull' }],
          volumes: [
            { name: 'a', configMap: { name: 'settings' } },
            { name: 'b', secret: { secretName: 'tls' } },
            { name: 'c', persistentVolumeClaim: { claimName: 'data' } },
            {
              name: 'd',
              projected: {
                sources: [{ configMap: { name: 'kube-root-ca.crt' } }, { secret: { name: 'extra' } }],
              },
            },
          ],
          initContainers: [{ name: 'init', envFrom: [{ secretRef: { name: 'init-env' } }] }],
          containers: [
            { name: 'web', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'keys', key: 'x' } } }] },
          ],
        },
      },
    },
  };
  assert.deepEqual(
    dependenciesOf(deployment)
      .map((d) => `${d.kind}/${d.name}`)
      .sort(),
    [
      'ConfigMap/keys',
      'ConfigMap/settings',
      'PersistentVolumeClaim/data',
      'Secret/extra',
      'Secret/init-env',
      'Secret/pull',
      'Secret/tls',
      'ServiceAccount/runner',
    ],
  );
  const plain = {
    ...deployment,
    spec: { template: { spec: { serviceAccountName: 'default', containers: [] } } },
  };
  assert.deepEqual(dependenciesOf(plain), []);
});
