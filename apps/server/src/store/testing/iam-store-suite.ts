import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSqlIamStore } from '../iam/iam-sql-store.ts';
import type { IamStore } from '../iam/iam-store.ts';
import { StoreError } from '../store.ts';
import type { TestDatabase } from './database-fixtures.ts';

const isCode = (code: StoreError['code'], pattern: RegExp) => (e: unknown) =>
  e instanceof StoreError && e.code === code && pattern.test(e.message);

/** The one suite every IamStore implementation passes, run on each dialect. */
export function iamStoreSuite(name: string, newDatabase: () => Promise<TestDatabase>): void {
  const withStore = async (run: (store: IamStore) => Promise<void>) => {
    const database = await newDatabase();
    let ids = 0;
    try {
      await run(createSqlIamStore({ db: database.db, now: () => 1_000, newId: () => `id-${++ids}` }));
    } finally {
      await database.destroy();
    }
  };

  describe(`${name} identity store`, () => {
    test('users: create, find, update, conflicts, delete with everything that names them', () =>
      withStore(async (store) => {
        const alice = await store.users.create({ username: 'alice', source: 'local', passwordHash: 'h1' });
        assert.equal(alice.displayName, 'alice');
        assert.equal('passwordHash' in alice, false, 'the public view has no hash');
        await assert.rejects(
          store.users.create({ username: 'alice', source: 'oidc' }),
          isCode('conflict', /"alice" exists/),
        );
        const bob = await store.users.create({
          username: 'bob',
          source: 'oidc',
          oidcSubject: 'https://idp|42',
          externalGroups: ['oidc:devs'],
        });
        assert.equal((await store.users.getBySubject('https://idp|42'))?.id, bob.id);
        assert.equal((await store.users.getByUsername('alice'))?.passwordHash, 'h1');
        const changed = await store.users.update(alice.id, {
          disabled: true,
          passwordHash: 'h2',
          externalGroups: ['x'],
          lastLoginAt: new Date(5_000),
        });
        assert.equal(changed.disabled, true);
        assert.deepEqual(changed.externalGroups, ['x']);
        assert.equal(changed.lastLoginAt?.getTime(), 5_000);
        assert.equal((await store.users.get(alice.id))?.passwordHash, 'h2');
        assert.equal(await store.users.count(), 2);
        assert.deepEqual(
          (await store.users.list()).map((u) => u.username),
          ['alice', 'bob'],
        );

        await store.groups.create({ name: 'devs' });
        await store.groups.addMember('devs', alice.id);
        await store.bindings.create({
          subject: { kind: 'user', name: 'alice' },
          role: 'Viewer',
          scope: { level: 'platform' },
        });
        await store.sessions.create(session('s1', alice.id));
        await store.users.delete(alice.id);
        assert.equal(await store.users.get(alice.id), undefined);
        assert.deepEqual(await store.groups.groupsOf(alice.id), []);
        assert.deepEqual(await store.bindings.list(), []);
        assert.equal(await store.sessions.get('s1'), undefined);
        await assert.rejects(
          store.users.update('missing', { disabled: true }),
          isCode('not-found', /missing/),
        );
      }));

    test('groups: members are idempotent; deleting a group removes its bindings', () =>
      withStore(async (store) => {
        await store.groups.create({ name: 'ops', description: 'operators' });
        await assert.rejects(store.groups.create({ name: 'ops' }), isCode('conflict', /"ops"/));
        await store.groups.addMember('ops', 'u1');
        await store.groups.addMember('ops', 'u1');
        await store.groups.addMember('ops', 'u2');
        await assert.rejects(store.groups.addMember('nope', 'u1'), isCode('not-found', /"nope"/));
        assert.deepEqual((await store.groups.list())[0]?.members, ['u1', 'u2']);
        await store.groups.removeMember('ops', 'u2');
        assert.deepEqual(await store.groups.groupsOf('u1'), ['ops']);
        assert.deepEqual(await store.groups.groupsOf('u2'), []);
        await store.bindings.create({
          subject: { kind: 'group', name: 'ops' },
          role: 'Editor',
          scope: { level: 'cluster', cluster: 'prod' },
        });
        await store.groups.delete('ops');
        assert.deepEqual(await store.groups.list(), []);
        assert.deepEqual(await store.bindings.list(), []);
      }));

    test('workspaces: a namespace belongs to one workspace; deleting one removes its bindings', () =>
      withStore(async (store) => {
        await store.workspaces.create({ name: 'shop' });
        await store.workspaces.create({ name: 'blog' });
        await store.workspaces.bindNamespace('shop', 'eu', 'shop-prod');
        await store.workspaces.bindNamespace('shop', 'eu', 'shop-prod');
        await store.workspaces.bindNamespace('shop', 'us', 'shop-prod');
        await assert.rejects(
          store.workspaces.bindNamespace('blog', 'eu', 'shop-prod'),
          isCode('conflict', /belongs to workspace "shop"/),
        );
        await assert.rejects(
          store.workspaces.bindNamespace('nope', 'eu', 'x'),
          isCode('not-found', /"nope"/),
        );
        assert.deepEqual(await store.workspaces.namespaces({ cluster: 'us' }), [
          { workspace: 'shop', cluster: 'us', namespace: 'shop-prod' },
        ]);
        await store.workspaces.unbindNamespace('us', 'shop-prod');
        assert.equal((await store.workspaces.namespaces({ workspace: 'shop' })).length, 1);
        await assert.rejects(
          store.bindings.create({
            subject: { kind: 'user', name: 'a' },
            role: 'Admin',
            scope: { level: 'workspace', workspace: 'nope' },
          }),
          isCode('not-found', /no workspace named "nope"/),
        );
        await store.bindings.create({
          subject: { kind: 'user', name: 'a' },
          role: 'Admin',
          scope: { level: 'workspace', workspace: 'shop' },
        });
        await store.workspaces.delete('shop');
        assert.deepEqual(
          (await store.workspaces.list()).map((w) => w.name),
          ['blog'],
        );
        assert.deepEqual(await store.workspaces.namespaces(), []);
        assert.deepEqual(await store.bindings.list(), []);
      }));

    test('bindings at every level round-trip; duplicates conflict; a forgotten cluster loses its own', () =>
      withStore(async (store) => {
        await store.workspaces.create({ name: 'shop' });
        await store.workspaces.bindNamespace('shop', 'eu', 'web');
        const user = { kind: 'user', name: 'alice' } as const;
        const scopes = [
          { level: 'platform' },
          { level: 'workspace', workspace: 'shop' },
          { level: 'cluster', cluster: 'eu' },
          { level: 'namespace', cluster: 'eu', namespace: 'web' },
        ] as const;
        for (const scope of scopes) await store.bindings.create({ subject: user, role: 'Viewer', scope });
        assert.deepEqual(
          (await store.bindings.list({ subject: user })).map((b) => b.scope),
          scopes,
        );
        await assert.rejects(
          store.bindings.create({
            subject: user,
            role: 'Viewer',
            scope: { level: 'cluster', cluster: 'eu' },
          }),
          isCode('conflict', /has this role here already/),
        );
        const other = await store.bindings.create({ subject: user, role: 'Editor', scope: scopes[2] });
        assert.equal((await store.bindings.list({ cluster: 'eu' })).length, 3);
        assert.deepEqual((await store.bindings.delete(other.id))?.role, 'Editor');
        assert.equal(await store.bindings.delete(other.id), undefined);
        await store.forgetCluster('eu');
        assert.deepEqual(
          (await store.bindings.list()).map((b) => b.scope.level),
          ['platform', 'workspace'],
        );
        assert.deepEqual(await store.workspaces.namespaces(), []);
      }));

    test('sessions: touch, logout everywhere but here, expiry sweep', () =>
      withStore(async (store) => {
        await store.sessions.create(session('a', 'u1', 100));
        await store.sessions.create(session('b', 'u1', 200));
        await store.sessions.create(session('c', 'u2', 300));
        await store.sessions.touch('a', 50);
        assert.equal((await store.sessions.get('a'))?.lastSeenAt, 50);
        assert.equal(await store.sessions.deleteForUser('u1', 'a'), 1);
        assert.equal(await store.sessions.get('b'), undefined);
        await store.sessions.create(session('d', 'u3', 5_000));
        assert.equal(await store.sessions.deleteExpired(200, 0), 1);
        assert.equal(await store.sessions.get('a'), undefined);
        assert.equal((await store.sessions.get('c'))?.userAgent, 'test-agent');
        assert.equal(await store.sessions.deleteExpired(200, 1), 2, 'idle ones go too');
        assert.equal(await store.sessions.get('d'), undefined);
      }));

    test('tokens: found by hash, scopes round-trip, revoked only by their owner', () =>
      withStore(async (store) => {
        await store.tokens.create(token('t1', 'u1', 'all'));
        await store.tokens.create(token('t2', 'u1', ['clusters:read']));
        assert.equal((await store.tokens.getByHash('hash-t1'))?.scopes, 'all');
        assert.deepEqual((await store.tokens.getByHash('hash-t2'))?.scopes, ['clusters:read']);
        assert.equal(await store.tokens.revoke('t1', 'someone-else', 10), false);
        assert.equal(await store.tokens.revoke('t1', 'u1', 10), true);
        assert.equal(await store.tokens.revoke('t1', 'u1', 11), false, 'revoked once');
        await store.tokens.touch('t2', 20);
        const listed = await store.tokens.listForUser('u1');
        assert.deepEqual(
          listed.map((t) => [t.id, t.revokedAt, t.lastUsedAt]),
          [
            ['t1', 10, null],
            ['t2', null, 20],
          ],
        );
      }));

    test('throttles: every attempt counts, even concurrent ones; old failures are forgotten', () =>
      withStore(async (store) => {
        assert.deepEqual(await store.throttles.hit('user:a', 100, 0), { failures: 1, previousAt: null });
        assert.deepEqual(await store.throttles.hit('user:a', 200, 0), { failures: 2, previousAt: 100 });
        const burst = await Promise.all(
          Array.from({ length: 8 }, () => store.throttles.hit('user:a', 300, 0)),
        );
        assert.deepEqual(
          burst.map((b) => b.failures).sort((x, y) => x - y),
          [3, 4, 5, 6, 7, 8, 9, 10],
        );
        await store.throttles.release('user:a');
        assert.equal((await store.throttles.hit('user:a', 400, 0)).failures, 10);
        assert.deepEqual(await store.throttles.hit('user:a', 10_000, 5_000), {
          failures: 1,
          previousAt: null,
        });
        await store.throttles.clear('user:a');
        assert.deepEqual(await store.throttles.hit('user:a', 10_001, 0), { failures: 1, previousAt: null });
      }));

    test('OpenID logins: a state is taken once, and not after it expired', () =>
      withStore(async (store) => {
        const login = { stateHash: 's', codeVerifier: 'v', nonce: 'n', returnTo: '/x', expiresAt: 500 };
        await store.oidcLogins.put(login);
        await store.oidcLogins.put({ ...login, stateHash: 'old', expiresAt: 100 });
        const taken = await Promise.all([store.oidcLogins.take('s', 200), store.oidcLogins.take('s', 200)]);
        assert.deepEqual(
          taken.filter(Boolean),
          [login],
          'exactly one of two concurrent callbacks gets the login',
        );
        assert.equal(await store.oidcLogins.take('old', 200), undefined);
      }));
  });
}

function session(idHash: string, userId: string, expiresAt = 1_000) {
  return {
    idHash,
    userId,
    method: 'password' as const,
    createdAt: 1,
    lastSeenAt: 1,
    expiresAt,
    sourceIp: '127.0.0.1',
    userAgent: 'test-agent',
  };
}

function token(id: string, userId: string, scopes: 'all' | string[]) {
  return {
    id,
    userId,
    name: id,
    tokenHash: `hash-${id}`,
    prefix: 'ptl_abcd',
    scopes,
    createdAt: 1,
    expiresAt: 1_000,
    lastUsedAt: null,
    revokedAt: null,
  };
}
