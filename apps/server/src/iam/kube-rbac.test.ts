import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewRoleBinding, RoleBinding } from '#server/store/iam/iam-store.ts';
import { desiredRbac } from './kube-rbac.ts';

const EU = { name: 'eu', id: '0f1e2d3c-aaaa-bbbb-cccc-000000000001' };
const US = { name: 'us', id: '0f1e2d3c-aaaa-bbbb-cccc-000000000002' };

let ids = 0;
const binding = (input: NewRoleBinding): RoleBinding => ({
  ...input,
  id: `b${++ids}`,
  createdAt: new Date(0),
});
const user = (name: string) => ({ kind: 'user', name }) as const;
const group = (name: string) => ({ kind: 'group', name }) as const;

test('roles map to cluster-admin/admin, edit and view, per level, with impersonated names', () => {
  const bindings = [
    binding({ subject: user('root'), role: 'Admin', scope: { level: 'platform' } }),
    binding({ subject: group('ops'), role: 'Admin', scope: { level: 'cluster', cluster: 'eu' } }),
    binding({ subject: user('ed'), role: 'Editor', scope: { level: 'cluster', cluster: 'eu' } }),
    binding({ subject: user('vic'), role: 'Viewer', scope: { level: 'platform' } }),
    binding({
      subject: user('na'),
      role: 'Admin',
      scope: { level: 'namespace', cluster: 'eu', namespace: 'web' },
    }),
    binding({
      subject: group('oidc:shop'),
      role: 'Editor',
      scope: { level: 'workspace', workspace: 'shop' },
    }),
    binding({ subject: user('far'), role: 'Editor', scope: { level: 'cluster', cluster: 'us' } }),
    binding({
      subject: user('wu'),
      role: 'Viewer',
      scope: { level: 'namespace', cluster: 'us', namespace: 'web' },
    }),
  ];
  const namespaces = [
    { workspace: 'shop', cluster: 'eu', namespace: 'shop' },
    { workspace: 'shop', cluster: 'us', namespace: 'shop' },
    { workspace: 'other', cluster: 'eu', namespace: 'web' },
  ];
  const summary = desiredRbac(EU, bindings, namespaces).map((o) => {
    assert.deepEqual(o.metadata.labels, {
      'portolan.dev/managed': 'true',
      'portolan.dev/registration': EU.id,
    });
    assert.equal(o.metadata.name, `portolan:${o.roleRef.name.replace(/^portolan:/, '')}:0f1e2d3c`);
    return `${o.kind} ${o.metadata.namespace ?? '-'} ${o.roleRef.name}: ${o.subjects.map((s) => `${s.kind}:${s.name}`).join(' ')}`;
  });
  assert.deepEqual(summary, [
    'ClusterRoleBinding - cluster-admin: Group:portolan:ops User:portolan:root',
    // Viewers and Editors of the whole cluster also read nodes, volumes and classes; Admins need not.
    'ClusterRoleBinding - portolan:cluster-reader: User:portolan:ed User:portolan:vic',
    'ClusterRoleBinding - edit: User:portolan:ed',
    'ClusterRoleBinding - view: User:portolan:vic',
    'RoleBinding shop edit: Group:portolan:oidc:shop',
    'RoleBinding web admin: User:portolan:na',
  ]);
});

test('no bindings for the cluster, no objects; the same input gives the same objects', () => {
  const bindings = [
    binding({ subject: user('far'), role: 'Editor', scope: { level: 'cluster', cluster: 'us' } }),
  ];
  assert.deepEqual(desiredRbac(EU, bindings, []), []);
  assert.deepEqual(desiredRbac(US, bindings, []), desiredRbac(US, [...bindings].reverse(), []));
});
