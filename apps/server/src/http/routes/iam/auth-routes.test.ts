import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type IamTestApp, signIn, startIamTestApp } from '../../testing/iam-app.ts';

let t: IamTestApp;
before(async () => {
  t = await startIamTestApp();
  await t.iam.users.createLocal({ username: 'alice', password: 'alice-password-1' });
  await t.iam.store.bindings.create({
    subject: { kind: 'user', name: 'alice' },
    role: 'Viewer',
    scope: { level: 'cluster', cluster: 'eu' },
  });
});
after(() => t.close());

test('login sets HttpOnly session and readable CSRF cookies; failures look alike and are throttled', async () => {
  const ok = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'alice', password: 'alice-password-1' },
  });
  assert.equal(ok.statusCode, 200);
  const cookies = [ok.headers['set-cookie']].flat() as string[];
  assert.match(cookies[0] ?? '', /^portolan_session=.+; HttpOnly$/);
  assert.doesNotMatch(cookies[1] ?? '', /HttpOnly/);
  assert.equal('passwordHash' in ok.json().user, false);

  const wrong = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'alice', password: 'nope-nope-nope' },
  });
  const unknown = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'zed', password: 'nope-nope-nope' },
  });
  assert.equal(wrong.statusCode, 401);
  assert.deepEqual(wrong.json(), unknown.json());
  for (let i = 0; i < 4; i++)
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'zed', password: 'x' },
    });
  const throttled = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'zed', password: 'x' },
  });
  assert.equal(throttled.statusCode, 429);
  assert.equal(throttled.headers['retry-after'], '2');
});

test('a session needs its CSRF token for changes; me shows groups and permissions; logout ends it', async () => {
  const headers = await signIn(t.app, 'alice', 'alice-password-1');
  const me = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { cookie: headers.cookie },
  });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().user.username, 'alice');
  assert.equal(me.json().permissions[0].cluster, 'eu');
  const noCsrf = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/tokens',
    headers: { cookie: headers.cookie },
    payload: { name: 'x', scopes: 'all' },
  });
  assert.equal(noCsrf.statusCode, 403);
  assert.match(noCsrf.json().error.message, /X-CSRF-Token/);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/tokens',
    headers,
    payload: { name: 'ci', scopes: ['resources:read', 'self'] },
  });
  assert.equal(created.statusCode, 201);
  const token = created.json().token as string;
  const badName = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/tokens',
    headers,
    payload: { name: 'ci\r\nX-Evil: 1', scopes: 'all' },
  });
  assert.equal(badName.statusCode, 400, 'a token name with control characters is refused');
  assert.match(badName.json().error.message, /name/);

  const viaToken = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(viaToken.json().credential.kind, 'token');
  const wider = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/tokens',
    headers: { authorization: `Bearer ${token}` },
    payload: { name: 'y', scopes: 'all' },
  });
  assert.equal(wider.statusCode, 403, 'a scoped token cannot mint an unscoped one');
  const listed = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/tokens',
    headers: { cookie: headers.cookie },
  });
  assert.equal(listed.json().items.length, 1);
  assert.equal(JSON.stringify(listed.json()).includes(token), false);
  const revoke = await t.app.inject({
    method: 'DELETE',
    url: `/api/v1/auth/tokens/${created.json().id}`,
    headers,
  });
  assert.equal(revoke.statusCode, 204);
  assert.equal(
    (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token}` },
      })
    ).statusCode,
    401,
  );

  const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
  assert.equal(out.statusCode, 204);
  assert.match(String([out.headers['set-cookie']].flat()[0]), /Max-Age=0/);
  assert.equal(
    (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: headers.cookie } }))
      .statusCode,
    401,
  );
  const trail = await t.iam.audit.search({ actor: 'alice' });
  assert.deepEqual(trail.items.map((r) => `${r.action} ${r.verb} ${r.status}`).slice(0, 3), [
    'auth.logout POST 204',
    'self DELETE 204',
    'self POST 403',
  ]);
});

test('password change needs the old password and ends the other sessions', async () => {
  const here = await signIn(t.app, 'alice', 'alice-password-1');
  const elsewhere = await signIn(t.app, 'alice', 'alice-password-1');
  const wrong = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/auth/password',
    headers: here,
    payload: { oldPassword: 'not-it-at-all', newPassword: 'alice-password-2' },
  });
  assert.equal(wrong.statusCode, 403);
  const weak = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/auth/password',
    headers: here,
    payload: { oldPassword: 'alice-password-1', newPassword: 'short' },
  });
  assert.equal(weak.statusCode, 400);
  const ok = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/auth/password',
    headers: here,
    payload: { oldPassword: 'alice-password-1', newPassword: 'alice-password-2' },
  });
  assert.equal(ok.statusCode, 204);
  assert.equal(
    (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: here.cookie } }))
      .statusCode,
    200,
  );
  assert.equal(
    (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: elsewhere.cookie } }))
      .statusCode,
    401,
  );
  await signIn(t.app, 'alice', 'alice-password-2');
});

test('OpenID routes say when OpenID is not configured', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
  assert.equal(response.statusCode, 404);
  assert.match(response.json().error.message, /not configured/);
  const methods = await t.app.inject({ method: 'GET', url: '/api/v1/auth/methods' });
  assert.equal(methods.statusCode, 200, 'asked before signing in');
  assert.deepEqual(methods.json(), { password: true, oidc: null });
});

test('the sign-in methods name the OpenID provider when it is configured', async () => {
  const oidc = { issuer: 'https://login.example.com/realms/x', clientId: 'p', redirectUri: 'http://p/cb' };
  for (const [settings, name] of [
    [oidc, 'login.example.com'],
    [{ ...oidc, displayName: 'Example SSO' }, 'Example SSO'],
  ] as const) {
    const withOidc = await startIamTestApp({ oidc: settings });
    try {
      const methods = await withOidc.app.inject({ method: 'GET', url: '/api/v1/auth/methods' });
      assert.deepEqual(methods.json(), { password: true, oidc: { name, start: '/api/v1/auth/oidc/start' } });
    } finally {
      await withOidc.close();
    }
  }
});
