import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { authorize } from './authorize.ts';
import { IamError } from './iam-errors.ts';
import { createTestIam, type TestIam } from './testing/iam-services.ts';
import { followToCallback, startTestOidcProvider, type TestOidcProvider } from './testing/oidc-provider.ts';

const redirectUri = 'http://127.0.0.1:8080/api/v1/auth/oidc/callback';
const from = { sourceIp: '127.0.0.1', userAgent: 'test' };
const accounts = {
  'u-1001': { groups: ['devs', 'sre'], preferredUsername: 'Maria', name: 'Maria Q' },
  'u-1002': { groups: ['devs'], preferredUsername: 'admin' },
};
let provider: TestOidcProvider;
let iam: TestIam;

before(async () => {
  provider = await startTestOidcProvider({ redirectUri, accounts });
  iam = await createTestIam({
    oidc: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUri,
      scopes: ['openid', 'profile', 'email', 'groups'],
      allowInsecureHttp: true,
    },
  });
  await iam.users.createLocal({ username: 'admin', password: 'admin-password-1' });
  await iam.store.bindings.create({
    subject: { kind: 'group', name: 'oidc:sre' },
    role: 'Viewer',
    scope: { level: 'cluster', cluster: 'eu' },
  });
});
after(async () => {
  await iam.destroy();
  await provider.close();
});

async function signIn(account: string, returnTo?: string) {
  const oidc = iam.oidc ?? assert.fail('OpenID is configured');
  provider.signInAs(account);
  const start = await oidc.start(returnTo);
  const url = new URL(start.url);
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(url.searchParams.get('nonce'));
  return { start, callback: await followToCallback(start.url, provider.issuer) };
}

test('first login creates the user with its prefixed groups; the groups grant their bindings', async () => {
  const { start, callback } = await signIn('u-1001', '/clusters/eu');
  assert.equal(callback.origin + callback.pathname, redirectUri);
  const done = await (iam.oidc ?? assert.fail()).finish(callback, start.state, from);
  assert.equal(done.user.username, 'maria');
  assert.equal(done.user.source, 'oidc');
  assert.equal(done.user.displayName, 'Maria Q');
  assert.deepEqual(done.user.externalGroups, ['oidc:devs', 'oidc:sre']);
  assert.equal(done.returnTo, '/clusters/eu');
  const caller = await iam.authenticate({ headers: { cookie: `portolan_session=${done.session.id}` } });
  assert.equal(authorize(caller, 'resources:read', { cluster: 'eu', namespace: 'x' }), true);
  const [record] = (await iam.audit.search({ action: 'auth.login', actor: 'maria' })).items;
  assert.equal(record?.credential, 'oidc');
});

test('a later login updates the groups and keeps the same user', async () => {
  const first = await iam.store.users.getByUsername('maria');
  accounts['u-1001'].groups = ['devs'];
  const { start, callback } = await signIn('u-1001');
  const done = await (iam.oidc ?? assert.fail()).finish(callback, start.state, from);
  assert.equal(done.user.id, first?.id);
  assert.deepEqual(done.user.externalGroups, ['oidc:devs']);
  assert.equal(done.returnTo, '/');
  const caller = await iam.authenticate({ headers: { cookie: `portolan_session=${done.session.id}` } });
  assert.equal(authorize(caller, 'resources:read', { cluster: 'eu', namespace: 'x' }), false, 'sre is gone');
});

test('state from another browser, a replayed callback and a foreign return path are refused', async () => {
  const oidc = iam.oidc ?? assert.fail();
  const { start, callback } = await signIn('u-1001', '//evil.example/steal');
  await assert.rejects(oidc.finish(callback, 'someone-elses-state', from), /did not start in this browser/);
  const done = await oidc.finish(callback, start.state, from);
  assert.equal(done.returnTo, '/', 'only paths of this site');
  await assert.rejects(oidc.finish(callback, start.state, from), /expired or was used already/);
});

test('a wrong PKCE verifier is refused by the provider', async () => {
  const oidc = iam.oidc ?? assert.fail();
  const { start, callback } = await signIn('u-1001');
  const { hashSecret } = await import('./opaque-secret.ts');
  const login = await iam.store.oidcLogins.take(hashSecret(start.state), iam.now());
  await iam.store.oidcLogins.put({ ...(login ?? assert.fail()), codeVerifier: 'x'.repeat(43) });
  await assert.rejects(oidc.finish(callback, start.state, from), (e: unknown) => {
    assert.ok(e instanceof IamError);
    assert.match(e.message, /OpenID sign-in failed/);
    return true;
  });
});

test('an OpenID user never takes over a local user of the same name', async () => {
  const { start, callback } = await signIn('u-1002');
  await assert.rejects(
    (iam.oidc ?? assert.fail()).finish(callback, start.state, from),
    /"admin" exists already/,
  );
  assert.equal((await iam.store.users.getByUsername('admin'))?.source, 'local');
});
