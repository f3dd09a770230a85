import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Permission } from '#server/iam/permissions.ts';
import { effectivePermissions, whoCan } from './access-review.ts';
import { callerFor } from './authenticate.ts';
import { allowedSomewhere, authorize, type Scope, visibleScopes } from './authorize.ts';
import type { Caller, Grant } from './caller.ts';
import { createTestIam, type TestIam } from './testing/iam-services.ts';

let iam: TestIam;
const callers: Record<string, Caller> = {};
const session = { kind: 'session', sessionIdHash: 'x' } as const;

before(async () => {
  iam = await createTestIam();
  const { store } = iam;
  await store.workspaces.create({ name: 'shop' });
  await store.workspaces.bindNamespace('shop', 'eu', 'shop');
  await store.workspaces.bindNamespace('shop', 'us', 'shop');
  await store.groups.create({ name: 'ops' });
  const bind = (kind: 'user' | 'group', name: string, role: 'Admin' | 'Editor' | 'Viewer', scope: object) =>
    store.bindings.create({ subject: { kind, name }, role, scope: scope as never });
  await bind('user', 'root', 'Admin', { level: 'platform' });
  await bind('user', 'vera', 'Viewer', { level: 'namespace', cluster: 'eu', namespace: 'web' });
  await bind('user', 'ed', 'Editor', { level: 'cluster', cluster: 'eu' });
  await bind('user', 'wanda', 'Admin', { level: 'workspace', workspace: 'shop' });
  await bind('group', 'ops', 'Editor', { level: 'namespace', cluster: 'us', namespace: 'api' });
  await bind('group', 'oidc:sre', 'Admin', { level: 'cluster', cluster: 'us' });
  for (const name of ['root', 'vera', 'ed', 'wanda', 'otto', 'sid']) {
    const user = await store.users.create({
      username: name,
      source: name === 'sid' ? 'oidc' : 'local',
      externalGroups: name === 'sid' ? ['oidc:sre'] : [],
    });
    if (name === 'otto') await store.groups.addMember('ops', user.id);
    const record = await store.users.get(user.id);
    callers[name] = await callerFor(store, record ?? assert.fail(), session);
  }
});
after(() => iam.destroy());

const may = (name: string, action: Permission, scope: Scope) => authorize(callers[name], action, scope);

test('platform Admin may do everything everywhere; anonymous callers only public things', () => {
  for (const action of ['users:write', 'secrets:reveal', 'clusters:write', 'audit:read'] as const)
    assert.equal(
      may('root', action, { cluster: 'anything', namespace: 'x' }) && may('root', action, 'platform'),
      true,
    );
  assert.equal(authorize(undefined, 'public', 'platform'), true);
  assert.equal(authorize(undefined, 'clusters:read', 'platform'), false);
  assert.equal(authorize(undefined, 'self', 'platform'), false);
  assert.equal(may('otto', 'self', 'platform'), true);
});

test('a namespace Viewer reads its namespace only, never Secret values, and changes nothing', () => {
  const web = { cluster: 'eu', namespace: 'web' };
  assert.equal(may('vera', 'resources:read', web), true);
  assert.equal(may('vera', 'clusters:proxy', web), true, 'kubectl through the proxy, as view');
  for (const action of ['resources:write', 'secrets:reveal', 'pods:exec', 'bindings:write'] as const)
    assert.equal(may('vera', action, web), false, action);
  assert.equal(may('vera', 'resources:read', { cluster: 'eu', namespace: 'other' }), false);
  assert.equal(may('vera', 'resources:read', { cluster: 'eu' }), false, 'not the whole cluster');
  assert.equal(may('vera', 'resources:read', 'platform'), false);
});

test('a cluster Editor writes, execs and reveals Secrets in every namespace of its cluster only', () => {
  for (const action of ['resources:write', 'pods:exec', 'secrets:reveal'] as const)
    assert.equal(may('ed', action, { cluster: 'eu', namespace: 'any' }), true, action);
  assert.equal(may('ed', 'resources:write', { cluster: 'us', namespace: 'any' }), false);
  assert.equal(may('ed', 'clusters:write', { cluster: 'eu' }), false, 'settings are Admin’s');
  assert.equal(may('ed', 'bindings:write', { cluster: 'eu' }), false);
});

test('workspace roles reach every bound namespace, in several clusters, and nothing else', () => {
  for (const cluster of ['eu', 'us']) {
    assert.equal(may('wanda', 'bindings:write', { cluster, namespace: 'shop' }), true);
    assert.equal(may('wanda', 'resources:write', { cluster, namespace: 'shop' }), true);
    assert.equal(may('wanda', 'resources:read', { cluster, namespace: 'web' }), false);
    assert.equal(may('wanda', 'clusters:write', { cluster }), false);
  }
  assert.equal(may('wanda', 'bindings:write', { workspace: 'shop' }), true);
  assert.equal(may('wanda', 'bindings:write', { workspace: 'other' }), false);
  assert.equal(may('wanda', 'users:write', 'platform'), false, 'user management is platform-only');
});

test('group bindings apply to members, local and OpenID groups alike', () => {
  assert.equal(may('otto', 'resources:write', { cluster: 'us', namespace: 'api' }), true);
  assert.equal(may('sid', 'clusters:write', { cluster: 'us' }), true, 'cluster Admin through oidc:sre');
  assert.equal(may('sid', 'clusters:write', { cluster: 'eu' }), false);
});

test('visibleScopes lists what store reads may return', () => {
  assert.deepEqual(visibleScopes(callers.root), { all: true });
  assert.deepEqual(visibleScopes(callers.wanda), {
    all: false,
    clusters: [],
    namespaces: [
      { cluster: 'eu', namespace: 'shop' },
      { cluster: 'us', namespace: 'shop' },
    ],
  });
  assert.deepEqual(visibleScopes(callers.ed, 'secrets:reveal'), {
    all: false,
    clusters: ['eu'],
    namespaces: [],
  });
  assert.deepEqual(visibleScopes(callers.vera, 'secrets:reveal'), {
    all: false,
    clusters: [],
    namespaces: [],
  });
  assert.equal(allowedSomewhere(callers.vera, 'resources:read'), true);
  assert.equal(allowedSomewhere(callers.vera, 'resources:write'), false);
});

test('Secrets are visible only where the role’s Kubernetes role may list them (view may not)', () => {
  const none = { clusters: [], namespaces: [] };
  const holding = (...grants: Array<Omit<Grant, 'subject' | 'bindingId'>>): Caller => ({
    ...(callers.vera ?? assert.fail()),
    grants: grants.map((grant) => ({ ...grant, subject: { kind: 'user', name: 'x' }, bindingId: 'b' })),
  });
  const paul = holding(
    { role: 'Viewer', level: 'platform' },
    { role: 'Editor', level: 'namespace', cluster: 'us', namespace: 'api' },
  );
  const cora = holding({ role: 'Viewer', level: 'cluster', cluster: 'eu' });
  assert.deepEqual(visibleScopes(callers.vera), {
    all: false,
    clusters: [],
    namespaces: [{ cluster: 'eu', namespace: 'web' }],
    secrets: none,
  });
  assert.deepEqual(visibleScopes(cora), {
    all: false,
    clusters: ['eu'],
    namespaces: [],
    secrets: none,
  });
  assert.deepEqual(visibleScopes(paul), {
    all: true,
    secrets: { clusters: [], namespaces: [{ cluster: 'us', namespace: 'api' }] },
  });
  // Editors and Admins see Secrets wherever they see the rest: no separate list.
  assert.equal('secrets' in visibleScopes(callers.ed), false);
  assert.equal('secrets' in visibleScopes(callers.otto), false);
  assert.equal('secrets' in visibleScopes(callers.root), false);
});

test('effective permissions and who-can answer from the same bindings', async () => {
  const user = await iam.store.users.getByUsername('otto');
  const effective = await effectivePermissions(iam.store, user ?? assert.fail());
  assert.deepEqual(effective.groups, ['ops']);
  assert.equal(effective.entries.length, 1);
  assert.deepEqual(
    { ...effective.entries[0], bindingId: '' },
    {
      level: 'namespace',
      cluster: 'us',
      namespace: 'api',
      role: 'Editor',
      permissions: [
        'clusters:read',
        'clusters:write',
        'resources:read',
        'resources:write',
        'secrets:reveal',
        'pods:exec',
        'clusters:proxy',
        // Browsing the chart catalogue is every role's, so a namespace Editor can pick what to install.
        'charts:read',
        // Charts of its namespaces' metrics, their alerts and their cluster's inspections are every role's.
        'monitoring:read',
        'alerts:read',
        'alerts:write',
        'inspections:read',
        // Backups of its own namespaces; a cluster's lifecycle is not a namespace's to see.
        'backups:read',
        'backups:write',
      ].filter((p) => p !== 'clusters:write'),
      from: { kind: 'group', name: 'ops' },
      bindingId: '',
    },
  );
  const reveal = await whoCan(iam.store, 'secrets:reveal', { cluster: 'us', namespace: 'shop' });
  assert.deepEqual(reveal.users.sort(), ['root', 'sid', 'wanda']);
  const read = await whoCan(iam.store, 'resources:read', { cluster: 'eu', namespace: 'web' });
  assert.deepEqual(read.users.sort(), ['ed', 'root', 'vera']);
  assert.deepEqual(read.bindings.map((b) => b.subject.name).sort(), ['ed', 'root', 'vera']);
});
