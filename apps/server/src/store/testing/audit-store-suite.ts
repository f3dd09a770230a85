import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSqlAuditStore } from '../audit/audit-sql-store.ts';
import type { AuditInput, AuditQuery, AuditStore } from '../audit/audit-store.ts';
import type { TestDatabase } from './database-fixtures.ts';

export function auditInput(overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    at: 1_000,
    actor: 'alice',
    credential: 'session',
    sourceIp: '127.0.0.1',
    userAgent: 'test',
    action: 'resources:write',
    verb: 'POST',
    route: '/api/v1/clusters/:cluster/apply',
    resourceKind: 'configmaps',
    resourceName: 'cfg',
    cluster: 'eu',
    namespace: 'web',
    outcome: 'allowed',
    status: 200,
    detail: null,
    ...overrides,
  };
}

/** The one suite every AuditStore implementation passes, run on each dialect. */
export function auditStoreSuite(name: string, newDatabase: () => Promise<TestDatabase>): void {
  const withStore = async (run: (store: AuditStore) => Promise<void>) => {
    const database = await newDatabase();
    try {
      await run(createSqlAuditStore({ db: database.db }));
    } finally {
      await database.destroy();
    }
  };
  const ids = async (store: AuditStore, query: AuditQuery) =>
    (await store.search(query)).items.map((r) => r.resourceName);

  describe(`${name} audit store`, () => {
    test('records come back whole, newest first, filtered by each field', () =>
      withStore(async (store) => {
        const first = await store.append(auditInput({ resourceName: 'a', at: 1_000 }));
        assert.equal(first.at.getTime(), 1_000);
        assert.deepEqual({ ...first, id: 0, at: 0 }, { ...auditInput({ resourceName: 'a' }), id: 0, at: 0 });
        await store.append(auditInput({ resourceName: 'b', at: 2_000, actor: 'bob', outcome: 'denied' }));
        await store.append(auditInput({ resourceName: 'c', at: 3_000, cluster: 'us', action: 'auth.login' }));
        await store.append(
          auditInput({ resourceName: 'd', at: 4_000, namespace: 'api', action: 'auth.logout' }),
        );
        await store.append(auditInput({ resourceName: 'e', at: 5_000, action: 'auth_login' }));
        assert.deepEqual(await ids(store, {}), ['e', 'd', 'c', 'b', 'a']);
        assert.deepEqual(await ids(store, { actor: 'bob' }), ['b']);
        assert.deepEqual(await ids(store, { from: 2_000, to: 4_000 }), ['c', 'b']);
        assert.deepEqual(await ids(store, { cluster: 'us' }), ['c']);
        assert.deepEqual(await ids(store, { cluster: 'eu', namespace: 'api' }), ['d']);
        assert.deepEqual(await ids(store, { outcome: 'denied' }), ['b']);
        assert.deepEqual(await ids(store, { action: 'auth.login' }), ['c']);
        assert.deepEqual(await ids(store, { action: 'auth.*' }), ['d', 'c'], 'the dot is not a wildcard');
      }));

    test('pages follow one another without gaps or repeats, even as records arrive', () =>
      withStore(async (store) => {
        for (let i = 0; i < 7; i++) await store.append(auditInput({ resourceName: `r${i}`, at: i }));
        const first = await store.search({ limit: 3 });
        assert.deepEqual(
          first.items.map((r) => r.resourceName),
          ['r6', 'r5', 'r4'],
        );
        await store.append(auditInput({ resourceName: 'late', at: 100 }));
        const second = await store.search({ limit: 3, continue: first.continue });
        const third = await store.search({ limit: 3, continue: second.continue });
        assert.deepEqual(
          [...second.items, ...third.items].map((r) => r.resourceName),
          ['r3', 'r2', 'r1', 'r0'],
        );
        assert.equal(third.continue, undefined);
        // Every page carries the count of all the filters select, the late one included.
        assert.deepEqual([first.total, second.total, third.total], [7, 8, 8]);
        assert.equal((await store.search({ limit: 1, action: 'nothing.*' })).total, 0);
        await assert.rejects(store.search({ continue: 'not-a-token' }), /continue token/);
      }));

    test('prune deletes by age only', () =>
      withStore(async (store) => {
        for (const at of [10, 20, 30]) await store.append(auditInput({ at, resourceName: String(at) }));
        assert.equal(await store.prune(25), 2);
        assert.deepEqual(await ids(store, {}), ['30']);
      }));
  });
}
