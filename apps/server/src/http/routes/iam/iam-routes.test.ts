import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type IamTestApp, signIn, startIamTestApp } from '../../testing/iam-app.ts';

let t: IamTestApp;
const bearer: Record<string, { authorization: string }> = {};

before(async () => {
  t = await startIamTestApp();
  const { store } = t.iam;
  for (const name of ['root', 'nobody', 'nadia', 'ed']) {
    const user = await t.iam.users.createLocal({ username: name, password: `${name}-password-123` });
    bearer[name] = {
      authorization: `Bearer ${(await t.iam.tokens.create(user.id, { name: 't', scopes: 'all' })).token}`,
    };
  }
  const bind = (name: string, role: 'Admin' | 'Editor', scope: object) =>
    store.bindings.create({ subject: { kind: 'user', name }, role, scope: scope as never });
  await bind('root', 'Admin', { level: 'platform' });
  await bind('nadia', 'Admin', { level: 'namespace', cluster: 'eu', namespace: 'web' });
  await bind('ed', 'Editor', { level: 'cluster', cluster: 'eu' });
});
after(() => t.close());

const fill = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => `x-${name}`);

test('every identity route refuses anonymous callers, and callers without the permission', async () => {
  assert.ok(t.routes.length >= 25, `${t.routes.length} routes`);
  for (const route of t.routes) {
    if (route.permission === 'public' || route.method === 'HEAD') continue;
    const url = fill(route.url);
    const anonymous = await t.app.inject({ method: route.method as 'GET', url });
    assert.equal(anonymous.statusCode, 401, `${route.method} ${route.url} anonymous`);
    if (route.permission === 'self') continue;
    const refused = await t.app.inject({ method: route.method as 'GET', url, headers: bearer.nobody });
    assert.equal(
      refused.statusCode,
      403,
      `${route.method} ${route.url} without ${route.permission}: ${refused.body}`,
    );
  }
});

test('a platform Admin manages users, groups, workspaces and bindings; access changes are announced', async () => {
  const root = bearer.root;
  const before = t.accessChanges();
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: root, payload });
  assert.equal(
    (await post('/api/v1/users', { username: 'gus', password: 'gus-password-123' })).statusCode,
    201,
  );
  assert.equal(
    (await post('/api/v1/users', { username: 'Bad Name', password: 'gus-password-123' })).statusCode,
    400,
  );
  assert.equal((await post('/api/v1/groups', { name: 'devs' })).statusCode, 201);
  assert.equal(
    (await t.app.inject({ method: 'PUT', url: '/api/v1/groups/devs/members/gus', headers: root })).statusCode,
    204,
  );
  assert.equal((await post('/api/v1/workspaces', { name: 'shop' })).statusCode, 201);
  assert.equal(
    (await t.app.inject({ method: 'PUT', url: '/api/v1/workspaces/shop/namespaces/eu/shop', headers: root }))
      .statusCode,
    204,
  );
  const binding = await post('/api/v1/rolebindings', {
    subject: { kind: 'group', name: 'devs' },
    role: 'Editor',
    scope: { level: 'workspace', workspace: 'shop' },
  });
  assert.equal(binding.statusCode, 201, binding.body);
  const effective = await t.app.inject({
    method: 'GET',
    url: '/api/v1/users/gus/permissions',
    headers: root,
  });
  assert.deepEqual(
    effective
      .json()
      .entries.map(
        (e: { cluster?: string; namespace?: string; role: string }) =>
          `${e.cluster}/${e.namespace} ${e.role}`,
      ),
    ['undefined/undefined Editor', 'eu/shop Editor'],
  );
  const who = await t.app.inject({
    method: 'GET',
    url: '/api/v1/who-can?action=pods:exec&cluster=eu&namespace=shop',
    headers: root,
  });
  assert.deepEqual(who.json().users.sort(), ['ed', 'gus', 'root']);
  const gus = await t.iam.store.users.getByUsername('gus');
  const disabled = await t.app.inject({
    method: 'PATCH',
    url: '/api/v1/users/gus',
    headers: root,
    payload: { disabled: true },
  });
  assert.equal(disabled.json().disabled, true);
  assert.equal((await t.iam.store.users.get(gus?.id ?? ''))?.disabled, true);
  const self = await t.app.inject({
    method: 'PATCH',
    url: '/api/v1/users/root',
    headers: root,
    payload: { disabled: true },
  });
  assert.equal(self.statusCode, 400);
  assert.ok(t.accessChanges() > before);
});

test('scoped Admins manage bindings in their own scope only, and see only those', async () => {
  const nadia = bearer.nadia;
  const create = (scope: object, headers = nadia) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/rolebindings',
      headers,
      payload: { subject: { kind: 'user', name: 'gus' }, role: 'Admin', scope },
    });
  assert.equal((await create({ level: 'namespace', cluster: 'eu', namespace: 'web' })).statusCode, 201);
  assert.equal((await create({ level: 'namespace', cluster: 'eu', namespace: 'api' })).statusCode, 403);
  assert.equal((await create({ level: 'cluster', cluster: 'eu' })).statusCode, 403);
  assert.equal((await create({ level: 'platform' })).statusCode, 403);
  assert.equal(
    (await create({ level: 'cluster' }, bearer.root)).statusCode,
    400,
    'a cluster binding needs its cluster',
  );
  assert.equal(
    (await create({ level: 'namespace', cluster: 'eu', namespace: 'web' }, bearer.ed)).statusCode,
    403,
    'Editors do not bind',
  );

  const listed = await t.app.inject({ method: 'GET', url: '/api/v1/rolebindings', headers: nadia });
  const scopes = listed.json().items.map((b: { scope: { namespace?: string } }) => b.scope.namespace);
  assert.deepEqual(scopes, ['web', 'web']);
  const all = (await t.iam.store.bindings.list()).map((b) => b.id);
  const rootBinding = (await t.iam.store.bindings.list({ subject: { kind: 'user', name: 'root' } }))[0]?.id;
  assert.ok(all.length > 2 && rootBinding);
  const hidden = await t.app.inject({
    method: 'DELETE',
    url: `/api/v1/rolebindings/${rootBinding}`,
    headers: nadia,
  });
  assert.equal(hidden.statusCode, 404, 'bindings out of reach look missing');
  const whoOther = await t.app.inject({
    method: 'GET',
    url: '/api/v1/who-can?action=resources:read&cluster=us',
    headers: nadia,
  });
  assert.equal(whoOther.statusCode, 403);
});

test('the audit trail is searchable by Admins through the API, and has no route that changes it', async () => {
  const headers = await signIn(t.app, 'root', 'root-password-123');
  const page = await t.app.inject({
    method: 'GET',
    url: '/api/v1/audit?action=bindings:write&outcome=denied&limit=2',
    headers,
  });
  assert.equal(page.statusCode, 200);
  assert.equal(page.json().items.length, 2);
  assert.ok(page.json().continue);
  assert.ok(page.json().items.every((r: { actor: string; status: number }) => r.status === 403));
  const logins = await t.app.inject({
    method: 'GET',
    url: '/api/v1/audit?action=auth.*&actor=root',
    headers,
  });
  assert.equal(logins.json().items[0].action, 'auth.login');
  const writes = t.routes.filter(
    (r) => r.url.startsWith('/api/v1/audit') && r.method !== 'GET' && r.method !== 'HEAD',
  );
  assert.deepEqual(writes, []);
});
