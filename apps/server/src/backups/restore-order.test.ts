import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ArchiveEntry } from './archive-reader.ts';
import { selectForRestore } from './restore-order.ts';

const entry = (
  group: string,
  version: string,
  resource: string,
  kind: string,
  name: string,
  namespace?: string,
  extra: Record<string, unknown> = {},
): ArchiveEntry => ({
  place: { group, version, resource, name, ...(namespace ? { namespace } : {}) },
  object: {
    apiVersion: group ? `${group}/${version}` : version,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}) },
    ...extra,
  },
});

// As a backup writes them: listing order, then namespaces and CRDs last.
const archive: ArchiveEntry[] = [
  entry('apps', 'v1', 'deployments', 'Deployment', 'web', 'shop'),
  entry('', 'v1', 'services', 'Service', 'web', 'shop'),
  entry('example.com', 'v1', 'widgets', 'Widget', 'w1', 'shop'),
  entry('', 'v1', 'configmaps', 'ConfigMap', 'settings', 'shop'),
  entry('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', 'readers', 'shop', {
    subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: 'shop' }],
  }),
  entry('', 'v1', 'serviceaccounts', 'ServiceAccount', 'app', 'shop'),
  entry('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', 'data', 'shop'),
  entry('', 'v1', 'configmaps', 'ConfigMap', 'other', 'blog'),
  entry('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', 'global'),
  entry('', 'v1', 'namespaces', 'Namespace', 'shop', undefined, {
    metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } },
  }),
  entry('', 'v1', 'namespaces', 'Namespace', 'blog'),
  entry(
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    'widgets.example.com',
  ),
];

test('a restore applies CRDs, namespaces, RBAC, ServiceAccounts, config, storage, Services, workloads, then the rest', () => {
  const picked = selectForRestore(archive, {
    namespaces: ['shop'],
    namespaceMapping: {},
    clusterScoped: false,
  });
  assert.deepEqual(
    picked.map((p) => p.source.kind),
    [
      'CustomResourceDefinition',
      'Namespace',
      'RoleBinding',
      'ServiceAccount',
      'ConfigMap',
      'PersistentVolumeClaim',
      'Service',
      'Deployment',
      'Widget',
    ],
  );
  assert.ok(
    !picked.some((p) => p.source.namespace === 'blog' || p.source.name === 'blog'),
    'blog was not chosen',
  );
  assert.ok(!picked.some((p) => p.source.kind === 'ClusterRole'), 'cluster-scoped objects only when asked');
  const withClusterScoped = selectForRestore(archive, {
    namespaces: ['shop'],
    namespaceMapping: {},
    clusterScoped: true,
  });
  assert.ok(withClusterScoped.some((p) => p.source.kind === 'ClusterRole'));
});

test('a mapped namespace renames the Namespace, moves its objects and the ServiceAccounts bindings name', () => {
  const picked = selectForRestore(archive, {
    namespaces: ['shop'],
    namespaceMapping: { shop: 'shop-copy' },
    clusterScoped: false,
  });
  const namespace = picked.find((p) => p.source.kind === 'Namespace');
  assert.equal(namespace?.object.metadata?.name, 'shop-copy');
  assert.deepEqual(namespace?.object.metadata?.labels, { 'kubernetes.io/metadata.name': 'shop-copy' });
  const deployment = picked.find((p) => p.source.kind === 'Deployment');
  assert.equal(deployment?.targetNamespace, 'shop-copy');
  assert.equal(deployment?.object.metadata?.namespace, 'shop-copy');
  assert.equal(deployment?.source.namespace, 'shop', 'the source is named as it was backed up');
  const binding = picked.find((p) => p.source.kind === 'RoleBinding');
  assert.deepEqual(binding?.object.subjects, [
    { kind: 'ServiceAccount', name: 'app', namespace: 'shop-copy' },
  ]);
  // The archive's own objects are untouched (a second restore maps afresh).
  assert.equal((archive[0]?.object?.metadata as { namespace?: string } | undefined)?.namespace, 'shop');
});

test('chosen objects restore alone, with their namespace', () => {
  const picked = selectForRestore(archive, {
    namespaceMapping: {},
    clusterScoped: false,
    objects: [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings' }],
  });
  assert.deepEqual(
    picked.map((p) => `${p.source.kind}/${p.source.name}`),
    ['Namespace/shop', 'ConfigMap/settings'],
  );
});
