import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { authorize } from './authorize.ts';
import { bootstrapAdmin } from './bootstrap-admin.ts';
import { createTestIam } from './testing/iam-services.ts';

test('first start makes a platform Admin with a generated password, shown once; later starts do nothing', async () => {
  const iam = await createTestIam();
  try {
    const deps = {
      store: iam.store,
      hasher: iam.hasher,
      random: randomBytes,
      admin: { username: undefined, password: undefined },
    };
    const first = await bootstrapAdmin(deps);
    assert.equal(first?.username, 'admin');
    assert.match(first?.generatedPassword ?? '', /^[\w-]{24}$/);
    const { session } = await iam.passwordLogin.login({
      username: 'admin',
      password: first?.generatedPassword ?? '',
      sourceIp: '127.0.0.1',
      userAgent: 'test',
    });
    const caller = await iam.authenticate({ headers: { cookie: `portolan_session=${session.id}` } });
    assert.equal(authorize(caller, 'users:write', 'platform'), true);
    assert.equal(await bootstrapAdmin(deps), undefined);
  } finally {
    await iam.destroy();
  }
});

test('credentials from the environment are used, and a short password is refused with what to do', async () => {
  const iam = await createTestIam();
  try {
    const deps = { store: iam.store, hasher: iam.hasher, random: randomBytes };
    await assert.rejects(
      bootstrapAdmin({ ...deps, admin: { username: undefined, password: 'short' } }),
      /PORTOLAN_ADMIN_PASSWORD: a password needs at least 12 characters/,
    );
    const result = await bootstrapAdmin({
      ...deps,
      admin: { username: 'ops', password: 'from-the-environment' },
    });
    assert.deepEqual(result, { username: 'ops' });
    const user = await iam.store.users.getByUsername('ops');
    assert.equal(await iam.hasher.verify('from-the-environment', user?.passwordHash ?? ''), true);
  } finally {
    await iam.destroy();
  }
});
