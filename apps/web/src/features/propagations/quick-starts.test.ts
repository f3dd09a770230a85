import assert from 'node:assert/strict';
import test from 'node:test';
import { emptySelector } from './propagation-form.ts';
import { nameFrom, namespaceDocument, roleDocument } from './quick-starts.ts';

test('a namespace quick start makes the namespace and, when a group is named, its RoleBinding', () => {
  const document = namespaceDocument({
    namespace: 'team-a',
    labels: { owner: 'a' },
    targets: { ...emptySelector(), labelSelector: 'env=prod' },
    group: 'Team A',
    role: 'edit',
  });
  assert.equal(document.metadata.name, 'ns-team-a');
  assert.deepEqual(document.spec.placement.clusters, { labelSelector: 'env=prod' });
  assert.deepEqual(document.spec.templates?.[0], {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'team-a', labels: { owner: 'a' } },
  });
  assert.deepEqual(document.spec.templates?.[1], {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'team-a-edit', namespace: 'team-a' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'Team A' }],
  });
  assert.equal(namespaceDocument({ ...baseNs(), group: '' }).spec.templates?.length, 1);
});

const baseNs = () => ({
  namespace: 'x',
  labels: {},
  targets: { ...emptySelector(), all: true },
  group: '',
  role: 'view' as const,
});

test('a role quick start makes a ClusterRole and its binding; core is the empty group', () => {
  const document = roleDocument({
    role: 'pod-reader',
    rules: [{ apiGroups: ['core'], resources: ['pods'], verbs: ['get', 'list'] }],
    subjectKind: 'User',
    subject: 'ann',
    targets: { ...emptySelector(), names: ['a', 'b'] },
  });
  assert.equal(document.metadata.name, 'role-pod-reader');
  const [role, binding] = document.spec.templates ?? [];
  assert.deepEqual((role as { rules: unknown }).rules, [
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
  ]);
  assert.deepEqual((binding as { subjects: unknown }).subjects, [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'ann' },
  ]);
});

test('names made from object names are valid propagation names', () => {
  assert.equal(nameFrom('role', 'system:Aggregate.To-View'), 'role-system-aggregate-to-view');
  assert.equal(nameFrom('ns', 'x'.repeat(80)).length, 63);
});
