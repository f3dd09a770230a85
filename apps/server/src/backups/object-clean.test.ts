import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanObject, skipReason } from './object-clean.ts';

test('cleaning drops status and every server-set field, and what a restore must not carry', () => {
  const service = cleanObject({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: 'u-1',
      resourceVersion: '42',
      generation: 3,
      creationTimestamp: '2026-01-01T00:00:00Z',
      managedFields: [{ manager: 'kubectl' }],
      selfLink: '/api/v1/namespaces/shop/services/web',
      labels: { app: 'web' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'a' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u-2' }],
    },
    spec: {
      clusterIP: '10.96.0.7',
      clusterIPs: ['10.96.0.7'],
      type: 'NodePort',
      ports: [{ port: 80, nodePort: 30080 }],
    },
    status: { loadBalancer: {} },
  });
  assert.deepEqual(service, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'web',
      namespace: 'shop',
      labels: { app: 'web' },
      annotations: { team: 'a' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner' }],
    },
    spec: { type: 'NodePort', ports: [{ port: 80 }] },
  });
  const headless = cleanObject({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'h' },
    spec: { clusterIP: 'None' },
  });
  assert.deepEqual(headless.spec, { clusterIP: 'None' }, 'a headless Service stays headless');
  const claim = cleanObject({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
    spec: { volumeName: 'pv-1', resources: { requests: { storage: '1Gi' } } },
  });
  assert.deepEqual(claim, {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data' },
    spec: { resources: { requests: { storage: '1Gi' } } },
  });
});

test('a Job loses the selector the API server generated from its uid, so the target makes its own', () => {
  const job = cleanObject({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate' },
    spec: {
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
      template: {
        metadata: {
          labels: {
            'batch.kubernetes.io/controller-uid': 'u-1',
            'controller-uid': 'u-1',
            'job-name': 'migrate',
          },
        },
        spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'm:1' }] },
      },
    },
  });
  assert.deepEqual(job.spec, {
    template: {
      metadata: { labels: { 'job-name': 'migrate' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'm:1' }] },
    },
  });
});

test('objects the cluster makes or a controller owns are left out, each with its reason', () => {
  const owned = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', ownerReferences: [{ kind: 'ReplicaSet', name: 'web', controller: true }] },
  };
  assert.match(skipReason(owned) ?? '', /ReplicaSet/);
  assert.match(
    skipReason({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' } }) ?? '',
    /cluster itself/,
  );
  assert.match(
    skipReason({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'e' } }) ?? '',
    /cluster itself/,
  );
  assert.match(
    skipReason({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: { name: 't' },
    }) ?? '',
    /token/,
  );
  assert.ok(skipReason({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt' } }));
  assert.equal(
    skipReason({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' } }),
    undefined,
    'a bare Pod goes in',
  );
  assert.equal(
    skipReason({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } }),
    undefined,
  );
});
