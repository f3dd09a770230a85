import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { IamError } from './iam-errors.ts';
import { LOGIN_FAILED } from './password-login.ts';
import { createTestIam, type TestIam } from './testing/iam-services.ts';

let iam: TestIam;
before(async () => {
  iam = await createTestIam();
  await iam.users.createLocal({ username: 'alice', password: 'alice-password-1' });
  const bob = await iam.users.createLocal({ username: 'bob', password: 'bob-password-12' });
  await iam.users.setDisabled(bob.id, true);
  await iam.store.users.create({ username: 'olga', source: 'oidc', oidcSubject: 'https://idp|olga' });
});
after(() => iam.destroy());

const from = (sourceIp: string) => ({ sourceIp, userAgent: 'test' });

async function failure(username: string, password: string, sourceIp = '10.1.0.1'): Promise<IamError> {
  try {
    await iam.passwordLogin.login({ username, password, ...from(sourceIp) });
  } catch (error) {
    assert.ok(error instanceof IamError);
    return error;
  }
  assert.fail(`${username} signed in`);
}

test('a right password signs in, opens a session the authenticator accepts, and is audited', async () => {
  const { user, session } = await iam.passwordLogin.login({
    username: ' Alice ',
    password: 'alice-password-1',
    ...from('10.1.0.9'),
  });
  assert.equal(user.username, 'alice');
  assert.equal(user.lastLoginAt?.getTime(), iam.now());
  const caller = await iam.authenticate({ headers: { cookie: `portolan_session=${session.id}` } });
  assert.equal(caller?.username, 'alice');
  const [record] = (await iam.audit.search({ action: 'auth.login', actor: 'alice' })).items;
  assert.equal(record?.outcome, 'allowed');
  assert.equal(record?.sourceIp, '10.1.0.9');
});

test('unknown user, wrong password, disabled user and OpenID-only user all fail alike', async () => {
  const errors = [
    await failure('nobody', 'whatever-password', '10.1.0.2'),
    await failure('alice', 'wrong-password!!', '10.1.0.3'),
    await failure('bob', 'bob-password-12', '10.1.0.4'),
    await failure('olga', 'any-password-at-all', '10.1.0.5'),
  ];
  for (const error of errors) {
    assert.equal(error.statusCode, 401);
    assert.equal(error.message, LOGIN_FAILED);
  }
  const denied = await iam.audit.search({ action: 'auth.login', outcome: 'denied' });
  assert.deepEqual(
    denied.items.map((r) => r.detail).sort(),
    ['disabled', 'no password (signs in through OpenID)', 'no such user', 'wrong password'],
    'the audit trail keeps the real reason',
  );
});

test('repeated failures are throttled with a retry time, for existing and unknown users alike', async () => {
  await iam.users.createLocal({ username: 'frank', password: 'frank-password-1' });
  for (const username of ['frank', 'ghost']) {
    for (let i = 0; i < 5; i++)
      assert.equal((await failure(username, 'nope-nope-nope', '10.2.0.1')).statusCode, 401);
    const throttled = await failure(username, 'nope-nope-nope', '10.2.0.1');
    assert.equal(throttled.statusCode, 429);
    assert.equal(throttled.retryAfterSeconds, 2);
  }
  iam.advance(4_000); // the refused attempt counted too
  const { user } = await iam.passwordLogin.login({
    username: 'frank',
    password: 'frank-password-1',
    ...from('10.2.0.1'),
  });
  assert.equal(user.username, 'frank', 'after the wait the right password works');
});

test('guesses at one account from an address never lock another account out of that address', async () => {
  // Behind a reverse proxy or NAT every user comes from one address.
  await iam.users.createLocal({ username: 'ivan', password: 'ivan-password-12' });
  for (let i = 0; i < 20; i++) await failure('frank', 'nope-nope-nope', '10.3.0.1');
  assert.equal((await failure('frank', 'nope-nope-nope', '10.3.0.1')).statusCode, 429);
  const { user } = await iam.passwordLogin.login({
    username: 'ivan',
    password: 'ivan-password-12',
    ...from('10.3.0.1'),
  });
  assert.equal(user.username, 'ivan');
});
