import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { adminClient } from '#server/testing/sandbox-clients.ts';
import { reconcileClusterRbac, reconcileRbac } from './rbac-reconciler.ts';
import { createTestIam, type TestIam } from './testing/iam-services.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0] ?? assert.fail('no shared sandbox');
const CLUSTER = 'sandbox';
// The registration of the cluster in this Portolan; binding names end in its first 8 hex digits.
const OWNER = { name: CLUSTER, id: 'abcd1234-0000-4000-8000-000000000001' };
const named = (role: string) => `portolan:${role}:abcd1234`;
const nsA = uniqueNamespace('rbac-a');
const nsB = uniqueNamespace('rbac-b');
const k = (...args: string[]) => kubectlOk(binDir, sandbox.kubeconfig, args);

let iam: TestIam;
let client: KubeClient;

/** Runs kubectl as an impersonated Portolan user: true when allowed, false when Forbidden. */
async function can(user: string, groups: string[], ...args: string[]): Promise<boolean> {
  const as = [`--as=portolan:${user}`, ...groups.map((g) => `--as-group=portolan:${g}`)];
  const result = await kubectl(binDir, sandbox.kubeconfig, [...as, ...args]);
  if (result.code === 0) return true;
  if (/forbidden/i.test(result.stderr)) return false;
  throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
}

/** RBAC changes reach the API server's authorizer through its informers: wait for the expected answer. */
const expectCan = (expected: boolean, user: string, groups: string[], ...args: string[]) =>
  eventually(`${user} ${args.join(' ')} → ${expected}`, async () =>
    (await can(user, groups, ...args)) === expected ? true : undefined,
  );

before(async () => {
  client = await adminClient(sandbox.kubeconfig);
  iam = await createTestIam();
  await k('create', 'namespace', nsA);
  await k('create', 'namespace', nsB);
  await k('create', 'configmap', 'existing', '-n', nsA, '--from-literal=a=1');
  await k('create', 'configmap', 'existing', '-n', nsB, '--from-literal=a=1');
  const { store } = iam;
  await store.workspaces.create({ name: 'shop' });
  await store.workspaces.bindNamespace('shop', CLUSTER, nsB);
  await store.workspaces.bindNamespace('shop', CLUSTER, 'not-on-the-cluster');
  const bind = (kind: 'user' | 'group', name: string, role: 'Admin' | 'Editor' | 'Viewer', scope: object) =>
    store.bindings.create({ subject: { kind, name }, role, scope: scope as never });
  await bind('user', 'viola', 'Viewer', { level: 'namespace', cluster: CLUSTER, namespace: nsA });
  await bind('user', 'eddie', 'Editor', { level: 'namespace', cluster: CLUSTER, namespace: nsA });
  await bind('user', 'ada', 'Admin', { level: 'namespace', cluster: CLUSTER, namespace: nsA });
  await bind('group', 'shoppers', 'Editor', { level: 'workspace', workspace: 'shop' });
  await bind('user', 'else', 'Editor', { level: 'cluster', cluster: 'another-cluster' });
});

after(async () => {
  await reconcileRbac(client, OWNER.id, []); // leaves no managed bindings behind
  await kubectl(binDir, sandbox.kubeconfig, ['delete', 'namespace', nsA, nsB, '--wait=false']);
  client.close();
  await iam.destroy();
});

test('after reconcile each impersonated identity can do exactly what its role allows', async () => {
  const report = await reconcileClusterRbac(iam.store, OWNER, client);
  assert.deepEqual(report.failed, []);
  assert.deepEqual(report.created.sort(), [
    `RoleBinding/${nsA}/${named('admin')}`,
    `RoleBinding/${nsA}/${named('edit')}`,
    `RoleBinding/${nsA}/${named('view')}`,
    `RoleBinding/${nsB}/${named('edit')}`,
  ]);
  assert.deepEqual(report.skipped, [`RoleBinding/not-on-the-cluster/${named('edit')}`]);
  const labels = await k('get', 'rolebinding', named('view'), '-n', nsA, '-o', 'jsonpath={.metadata.labels}');
  assert.match(labels, /"portolan.dev\/managed":"true"/);

  await expectCan(true, 'viola', [], 'get', 'configmap', 'existing', '-n', nsA);
  assert.equal(
    await can('viola', [], 'delete', 'configmap', 'existing', '-n', nsA, '--dry-run=server'),
    false,
  );
  assert.equal(await can('viola', [], 'get', 'secrets', '-n', nsA), false, 'view never reads Secrets');
  assert.equal(await can('viola', [], 'get', 'configmap', 'existing', '-n', nsB), false, 'other namespaces');

  assert.equal(
    await can('eddie', [], 'create', 'configmap', 'by-eddie', '-n', nsA, '--from-literal=x=1'),
    true,
  );
  assert.equal(
    await can('eddie', [], 'create', 'rolebinding', 'sneaky', '-n', nsA, '--clusterrole=edit', '--user=x'),
    false,
    'edit does not manage RBAC',
  );
  assert.equal(
    await can('ada', [], 'create', 'rolebinding', 'delegated', '-n', nsA, '--clusterrole=view', '--user=x'),
    true,
    'admin manages RBAC in its namespace',
  );
  assert.equal(await can('ada', [], 'get', 'nodes'), false, 'a namespace Admin is not a cluster admin');

  assert.equal(
    await can('gina', ['shoppers'], 'create', 'configmap', 'by-gina', '-n', nsB, '--from-literal=x=1'),
    true,
  );
  assert.equal(await can('gina', ['shoppers'], 'get', 'configmaps', '-n', nsA), false);
  assert.equal(await can('gina', [], 'get', 'configmaps', '-n', nsB), false, 'only through the group');
});

test('a second reconcile changes nothing; removing and changing bindings take effect on the cluster', async () => {
  const again = await reconcileClusterRbac(iam.store, OWNER, client);
  assert.deepEqual([again.created, again.updated, again.deleted], [[], [], []]);
  await k('create', 'rolebinding', 'hand-made', '-n', nsA, '--clusterrole=view', '--user=portolan:someone');

  const { store } = iam;
  const bindings = await store.bindings.list();
  const eddie = bindings.find((b) => b.subject.name === 'eddie') ?? assert.fail();
  await store.bindings.delete(eddie.id);
  await store.bindings.create({
    subject: { kind: 'user', name: 'viola' },
    role: 'Viewer',
    scope: { level: 'cluster', cluster: CLUSTER },
  });
  await store.workspaces.unbindNamespace(CLUSTER, nsB);
  const report = await reconcileClusterRbac(iam.store, OWNER, client);
  assert.deepEqual(report.failed, []);
  assert.deepEqual(report.created, [
    `ClusterRoleBinding//${named('cluster-reader')}`,
    `ClusterRoleBinding//${named('view')}`,
  ]);
  assert.deepEqual(report.deleted.sort(), [
    `RoleBinding/${nsA}/${named('edit')}`,
    `RoleBinding/${nsB}/${named('edit')}`,
  ]);

  // Asked as dry runs: a create let through while the authorizer still caches the old binding must not
  // leave the object behind, or every later try answers "already exists" instead of the refusal.
  await expectCan(
    false,
    'eddie',
    [],
    'create',
    'configmap',
    'by-eddie-2',
    '-n',
    nsA,
    '--from-literal=x=1',
    '--dry-run=server',
  );
  await expectCan(
    false,
    'gina',
    ['shoppers'],
    'create',
    'configmap',
    'by-gina-2',
    '-n',
    nsB,
    '--from-literal=x=1',
    '--dry-run=server',
  );
  await expectCan(true, 'viola', [], 'get', 'configmap', 'existing', '-n', nsB);
  await expectCan(true, 'viola', [], 'get', 'nodes');
  assert.equal(await can('viola', [], 'label', 'nodes', '--all', 'x=y', '--dry-run=server'), false);
  assert.equal(
    await can('viola', [], 'delete', 'configmap', 'existing', '-n', nsB, '--dry-run=server'),
    false,
  );
  assert.equal(
    (await k('get', 'rolebinding', 'hand-made', '-n', nsA, '-o', 'name')).trim(),
    'rolebinding.rbac.authorization.k8s.io/hand-made',
  );
});

test('a managed binding edited by hand is put back', async () => {
  await k(
    'patch',
    'rolebinding',
    named('view'),
    '-n',
    nsA,
    '--type=json',
    '-p',
    '[{"op":"add","path":"/subjects/-","value":{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"intruder"}}]',
  );
  const report = await reconcileClusterRbac(iam.store, OWNER, client);
  assert.deepEqual(report.updated, [`RoleBinding/${nsA}/${named('view')}`]);
  const subjects = await k(
    'get',
    'rolebinding',
    named('view'),
    '-n',
    nsA,
    '-o',
    'jsonpath={.subjects[*].name}',
  );
  assert.equal(subjects, 'portolan:viola');
});

test('two registrations of one cluster keep their own bindings; one from before registrations is removed', async () => {
  const mine = await reconcileClusterRbac(iam.store, OWNER, client);
  assert.deepEqual(mine.failed, []);
  const before = await k('get', 'rolebindings', '-n', nsA, '-l', 'portolan.dev/managed=true', '-o', 'name');
  // A binding a Portolan made before bindings named their registration: managed, with no owner.
  await k('create', 'rolebinding', 'portolan:view', '-n', nsA, '--clusterrole=view', '--user=portolan:old');
  await k('label', 'rolebinding', 'portolan:view', '-n', nsA, 'portolan.dev/managed=true');

  // Another Portolan (another registration) with no bindings at all for this cluster.
  const other = { name: CLUSTER, id: 'ffff0000-0000-4000-8000-000000000002' };
  const theirs = await reconcileRbac(client, other.id, []);
  assert.deepEqual(theirs.deleted, [`RoleBinding/${nsA}/portolan:view`], 'only the unowned one');
  const after = await k('get', 'rolebindings', '-n', nsA, '-l', 'portolan.dev/managed=true', '-o', 'name');
  assert.equal(after, before, 'the first registration keeps every binding');
  const again = await reconcileClusterRbac(iam.store, OWNER, client);
  assert.deepEqual([again.created, again.updated, again.deleted], [[], [], []]);
});
