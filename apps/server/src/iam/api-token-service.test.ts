import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { User } from '#server/store/iam/iam-store.ts';
import { authorize } from './authorize.ts';
import { hashSecret } from './opaque-secret.ts';
import { createTestIam, type TestIam } from './testing/iam-services.ts';

let iam: TestIam;
let user: User;
const DAY = 86_400_000;
before(async () => {
  iam = await createTestIam();
  user = await iam.users.createLocal({ username: 'robot', password: 'robot-password-1' });
  await iam.store.bindings.create({
    subject: { kind: 'user', name: 'robot' },
    role: 'Editor',
    scope: { level: 'cluster', cluster: 'eu' },
  });
});
after(() => iam.destroy());

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

test('a token is shown once, stored hashed, and authenticates until it expires', async () => {
  const { token, view } = await iam.tokens.create(user.id, { name: 'ci', scopes: 'all', expiresInDays: 2 });
  assert.match(token, /^ptl_[\w-]{43}$/);
  assert.equal(view.prefix, token.slice(0, 10));
  const stored = await iam.store.tokens.getByHash(hashSecret(token));
  assert.equal(stored?.id, view.id);
  assert.equal(JSON.stringify(await iam.tokens.list(user.id)).includes(token.slice(10)), false);
  assert.equal((await iam.authenticate(bearer(token)))?.username, 'robot');
  assert.equal((await iam.tokens.list(user.id))[0]?.lastUsedAt?.getTime(), iam.now());
  iam.advance(2 * DAY - 1);
  assert.ok(await iam.authenticate(bearer(token)));
  iam.advance(1);
  assert.equal(await iam.authenticate(bearer(token)), undefined, 'expired');
  assert.equal(await iam.authenticate(bearer('ptl_not-a-token')), undefined);
});

test('revoked tokens and tokens of disabled users stop working', async () => {
  const { token, view } = await iam.tokens.create(user.id, { name: 'a', scopes: 'all' });
  const other = await iam.tokens.create(user.id, { name: 'b', scopes: 'all' });
  await assert.rejects(iam.tokens.revoke('someone-else', view.id), /no live token/);
  await iam.tokens.revoke(user.id, view.id);
  assert.equal(await iam.authenticate(bearer(token)), undefined);
  await iam.users.setDisabled(user.id, true);
  assert.equal(await iam.authenticate(bearer(other.token)), undefined);
  await iam.users.setDisabled(user.id, false);
  assert.ok(await iam.authenticate(bearer(other.token)));
});

test('a scoped token does only what its scopes and its user allow, and cannot mint wider tokens', async () => {
  const { token } = await iam.tokens.create(user.id, { name: 'reader', scopes: ['resources:read', 'self'] });
  const caller = await iam.authenticate(bearer(token));
  assert.equal(authorize(caller, 'resources:read', { cluster: 'eu', namespace: 'web' }), true);
  assert.equal(
    authorize(caller, 'resources:write', { cluster: 'eu', namespace: 'web' }),
    false,
    'not in scope',
  );
  assert.equal(authorize(caller, 'resources:read', { cluster: 'us' }), false, 'not the user’s');
  await assert.rejects(
    iam.tokens.create(user.id, { name: 'x', scopes: 'all' }, ['resources:read']),
    /all scopes/,
  );
  await assert.rejects(
    iam.tokens.create(user.id, { name: 'x', scopes: ['pods:exec'] }, ['resources:read']),
    /may not grant "pods:exec"/,
  );
  await assert.rejects(iam.tokens.create(user.id, { name: 'x', scopes: ['nope'] }), /unknown scope "nope"/);
  await assert.rejects(
    iam.tokens.create(user.id, { name: 'x', scopes: 'all', expiresInDays: 400 }),
    /between 1 and 366/,
  );
});

test('tokens minted for one operation are deleted an hour after they end; a user’s own tokens stay', async () => {
  const own = await iam.tokens.create(user.id, { name: 'kept', scopes: 'all', expiresInDays: 1 });
  const used = await iam.tokens.createShortLived(user.id, {
    name: 'helm operation: a',
    scopes: ['clusters:proxy'],
    ttlMs: 600_000,
  });
  const revoked = await iam.tokens.createShortLived(user.id, {
    name: 'helm operation: b',
    scopes: ['clusters:proxy'],
    ttlMs: 600_000,
  });
  await iam.tokens.revoke(user.id, revoked.view.id);
  const stored = async (token: string) => Boolean(await iam.store.tokens.getByHash(hashSecret(token)));
  iam.advance(30 * 60_000);
  await iam.tokens.sweep();
  assert.equal(await stored(revoked.token), true, 'revoked half an hour ago: kept for now');
  iam.advance(31 * 60_000);
  await iam.tokens.sweep();
  assert.equal(await stored(revoked.token), false, 'revoked over an hour ago');
  assert.equal(await stored(used.token), true, 'expired 51 minutes ago');
  iam.advance(10 * 60_000);
  await iam.tokens.sweep();
  assert.equal(await stored(used.token), false, 'expired over an hour ago');
  iam.advance(DAY);
  await iam.tokens.sweep();
  assert.equal(await stored(own.token), true, 'a token the user made stays in its list after it expires');
});
