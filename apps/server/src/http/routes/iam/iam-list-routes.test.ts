import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { authorize } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import { loadGrants } from '#server/iam/grants.ts';
import { type IamTestApp, startIamTestApp } from '../../testing/iam-app.ts';
import { scopeOfBinding } from './iam-binding-routes.ts';

/** People's list routes: one page with the total and the next page's token; bad paging or sort is a 400. */
let t: IamTestApp;
const bearer: Record<string, { authorization: string }> = {};

before(async () => {
  t = await startIamTestApp();
  const { store } = t.iam;
  for (const name of ['root', 'nadia', 'wanda', 'cleo']) {
    const user = await t.iam.users.createLocal({ username: name, password: `${name}-password-123` });
    bearer[name] = {
      authorization: `Bearer ${(await t.iam.tokens.create(user.id, { name: 't', scopes: 'all' })).token}`,
    };
  }
  for (let i = 1; i <= 12; i++)
    await store.users.create({ username: `clerk-${String(i).padStart(2, '0')}`, source: 'local' });
  for (const name of ['shop', 'payments']) await store.workspaces.create({ name });
  const bind = (name: string, role: 'Admin' | 'Viewer', scope: object) =>
    store.bindings.create({ subject: { kind: 'user', name }, role, scope: scope as never });
  await bind('root', 'Admin', { level: 'platform' });
  await bind('nadia', 'Admin', { level: 'namespace', cluster: 'eu', namespace: 'web' });
  await bind('wanda', 'Admin', { level: 'workspace', workspace: 'shop' });
  await bind('cleo', 'Admin', { level: 'cluster', cluster: 'eu' });
  await bind('clerk-01', 'Viewer', { level: 'namespace', cluster: 'eu', namespace: 'web' });
  await bind('clerk-02', 'Viewer', { level: 'namespace', cluster: 'eu', namespace: 'api' });
  await bind('clerk-03', 'Viewer', { level: 'workspace', workspace: 'shop' });
  await bind('clerk-04', 'Viewer', { level: 'workspace', workspace: 'payments' });
});
after(() => t.close());

const get = (url: string, who = 'root') => t.app.inject({ method: 'GET', url, headers: bearer[who] });

interface Answer<T> {
  items: T[];
  total: number;
  continue: string | null;
}

test('GET /api/v1/users: a page, the total, and continue until the last page', async () => {
  const first = await get('/api/v1/users?q=clerk&limit=5');
  assert.equal(first.statusCode, 200, first.body);
  const body = first.json() as Answer<{ username: string }>;
  assert.deepEqual(
    body.items.map((u) => u.username),
    ['clerk-01', 'clerk-02', 'clerk-03', 'clerk-04', 'clerk-05'],
  );
  assert.equal(body.total, 12);
  assert.ok(body.continue);
  const seen = [...body.items.map((u) => u.username)];
  let token: string | null = body.continue;
  while (token) {
    const next = (await get(`/api/v1/users?q=clerk&limit=5&continue=${token}`)).json() as Answer<{
      username: string;
    }>;
    seen.push(...next.items.map((u) => u.username));
    token = next.continue;
  }
  assert.equal(seen.length, 12);
  assert.equal(new Set(seen).size, 12, 'no row twice');
  const jump = (await get('/api/v1/users?q=clerk&limit=5&offset=10&sort=username&order=desc')).json();
  assert.deepEqual(
    jump.items.map((u: { username: string }) => u.username),
    ['clerk-02', 'clerk-01'],
  );
  assert.equal(jump.continue, null, 'the last page has no continue');
  assert.equal((await get('/api/v1/users?disabled=true')).json().total, 0);
  assert.equal((await get('/api/v1/users?source=local')).json().total, 16);
});

test('bad paging, sort or filters are a 400 that names the parameter', async () => {
  const cases: Array<[string, RegExp]> = [
    ['/api/v1/users?sort=password', /query parameter "sort" must be one of: .*username/],
    ['/api/v1/users?colour=red', /unknown query parameter "colour": remove it/],
    ['/api/v1/users?limit=0', /limit/],
    ['/api/v1/users?limit=5000', /limit/],
    ['/api/v1/users?offset=-1', /offset/],
    ['/api/v1/users?disabled=maybe', /disabled/],
    ['/api/v1/users?continue=bm90LWEtdG9rZW4', /continue/],
    ['/api/v1/users?offset=5&continue=eyJvZmZzZXQiOjV9', /offset or continue/],
    ['/api/v1/groups?sort=size', /sort/],
    ['/api/v1/workspaces?order=sideways', /"order" must be one of: asc, desc/],
    ['/api/v1/rolebindings?level=galaxy', /level/],
  ];
  for (const [url, names] of cases) {
    const response = await get(url);
    assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
    assert.match(response.json().error.message, names, url);
  }
});

test('GET /api/v1/rolebindings: filtered by the server to what the caller may read, with the right total', async () => {
  const all = (await get('/api/v1/rolebindings?limit=2')).json() as Answer<{ subject: { name: string } }>;
  assert.equal(all.total, 8);
  assert.equal(all.items.length, 2);
  const nadia = (await get('/api/v1/rolebindings?sort=subject&order=desc', 'nadia')).json() as Answer<{
    subject: { name: string };
  }>;
  assert.deepEqual(
    nadia.items.map((b) => b.subject.name),
    ['nadia', 'clerk-01'],
  );
  assert.equal(nadia.total, 2, 'the total counts only what nadia may see');
  const wanda = (await get('/api/v1/rolebindings?sort=subject', 'wanda')).json() as Answer<{
    subject: { name: string };
  }>;
  assert.deepEqual(
    wanda.items.map((b) => b.subject.name),
    ['clerk-03', 'wanda'],
  );
  const viewers = (
    await get('/api/v1/rolebindings?role=Viewer&level=namespace&cluster=eu&sort=subject')
  ).json();
  assert.deepEqual(
    viewers.items.map((b: { subject: { name: string } }) => b.subject.name),
    ['clerk-01', 'clerk-02'],
  );
  assert.equal((await get('/api/v1/rolebindings?q=CLERK&workspace=payments')).json().total, 1);
});

test('GET /api/v1/workspaces and /groups: only visible workspaces; groups with member names, by member', async () => {
  const wanda = (await get('/api/v1/workspaces', 'wanda')).json() as Answer<{ name: string }>;
  assert.deepEqual([wanda.items.map((w) => w.name), wanda.total], [['shop'], 1]);
  assert.equal((await get('/api/v1/workspaces')).json().total, 2);
  const clerk = await t.iam.store.users.getByUsername('clerk-07');
  await t.iam.store.groups.create({ name: 'tellers' });
  await t.iam.store.groups.create({ name: 'auditors' });
  await t.iam.store.groups.addMember('tellers', clerk?.id ?? '');
  const groups = (await get('/api/v1/groups?member=clerk-07')).json() as Answer<{ memberNames: string[] }>;
  assert.deepEqual(groups.items, [
    { ...groups.items[0], name: 'tellers', description: '', members: [clerk?.id], memberNames: ['clerk-07'] },
  ]);
  assert.equal((await get('/api/v1/groups?sort=members&order=desc&limit=1')).json().items[0].name, 'tellers');
});

test('the store filters bindings to exactly those authorize lets each caller read', async () => {
  const all = await t.iam.store.bindings.list();
  await t.iam.store.workspaces.bindNamespace('shop', 'eu', 'web');
  t.iam.authenticate.forget(); // the route's caller is resolved again, with the bound namespace
  for (const name of ['root', 'nadia', 'wanda', 'cleo']) {
    const caller: Caller = {
      userId: name,
      username: name,
      groups: [],
      grants: await loadGrants(t.iam.store, name, []),
      credential: { kind: 'session', sessionIdHash: 'x' },
    };
    const expected = all.filter((b) => authorize(caller, 'bindings:read', scopeOfBinding(b.scope)));
    const listed = (await get('/api/v1/rolebindings?limit=1000', name)).json() as Answer<{ id: string }>;
    assert.deepEqual(listed.items.map((b) => b.id).sort(), expected.map((b) => b.id).sort(), name);
    assert.equal(listed.total, expected.length, name);
  }
  await t.iam.store.workspaces.unbindNamespace('eu', 'web');
  t.iam.authenticate.forget();
});
