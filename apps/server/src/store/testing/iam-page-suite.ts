import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSqlIamStore } from '../iam/iam-sql-store.ts';
import type { IamStore, NewRoleBinding } from '../iam/iam-store.ts';
import type { TestDatabase } from './database-fixtures.ts';

/** People's lists paged, sorted and filtered by the store, run on each dialect. */
export function iamPageSuite(name: string, newDatabase: () => Promise<TestDatabase>): void {
  const withStore = async (run: (store: IamStore) => Promise<void>) => {
    const database = await newDatabase();
    let clock = 0;
    let ids = 0;
    try {
      await run(
        createSqlIamStore({
          db: database.db,
          now: () => 1_000 + ++clock,
          newId: () => `id-${String(++ids).padStart(3, '0')}`,
        }),
      );
    } finally {
      await database.destroy();
    }
  };
  const page = { limit: 10, offset: 0 };

  describe(`${name} identity store lists`, () => {
    test('users: pages with the total, any-case search over name, display name and email, filters, sorts', () =>
      withStore(async (store) => {
        for (let i = 1; i <= 25; i++) {
          const username = `user-${String(i).padStart(2, '0')}`;
          const user = await store.users.create({
            username,
            displayName: i % 5 === 0 ? `Marta ${i}` : username,
            email: i % 2 === 0 ? `${username}@Bank.example` : null,
            source: i % 3 === 0 ? 'oidc' : 'local',
          });
          if (i % 4 === 0) await store.users.update(user.id, { disabled: true });
          if (i <= 3) await store.users.update(user.id, { lastLoginAt: new Date(10_000 * i) });
        }
        const first = await store.users.page(page);
        assert.equal(first.total, 25);
        assert.deepEqual(
          first.items.map((u) => u.username),
          Array.from({ length: 10 }, (_, i) => `user-${String(i + 1).padStart(2, '0')}`),
        );
        assert.equal('passwordHash' in (first.items[0] ?? {}), false, 'no hashes in a page');
        const last = await store.users.page({ limit: 10, offset: 20 });
        assert.deepEqual(
          last.items.map((u) => u.username),
          ['user-21', 'user-22', 'user-23', 'user-24', 'user-25'],
        );
        assert.equal(last.total, 25);
        assert.deepEqual((await store.users.page({ limit: 10, offset: 30 })).items, []);

        const marta = await store.users.page({ ...page, q: 'MARTA' });
        assert.deepEqual(
          marta.items.map((u) => u.displayName),
          ['Marta 5', 'Marta 10', 'Marta 15', 'Marta 20', 'Marta 25'],
        );
        assert.equal(marta.total, 5);
        assert.equal((await store.users.page({ ...page, q: 'bank.EXAMPLE' })).total, 12, 'email, any case');
        assert.equal((await store.users.page({ ...page, q: '_' })).total, 0, 'like wildcards are literal');
        assert.equal((await store.users.page({ ...page, q: '%' })).total, 0);

        const disabled = await store.users.page({ ...page, disabled: true });
        assert.deepEqual(
          disabled.items.map((u) => u.username),
          ['user-04', 'user-08', 'user-12', 'user-16', 'user-20', 'user-24'],
        );
        assert.equal((await store.users.page({ ...page, disabled: false })).total, 19);
        const oidcDisabled = await store.users.page({ ...page, source: 'oidc', disabled: true });
        assert.deepEqual(
          oidcDisabled.items.map((u) => u.username),
          ['user-12', 'user-24'],
        );

        const recent = await store.users.page({ limit: 4, offset: 0, sort: 'lastLogin', order: 'desc' });
        assert.deepEqual(
          recent.items.map((u) => u.username),
          ['user-03', 'user-02', 'user-01', 'user-25'],
          'never signed in comes last, ties by username in the same direction',
        );
        const oldest = await store.users.page({ limit: 4, offset: 0, sort: 'lastLogin' });
        assert.deepEqual(
          oldest.items.map((u) => u.username),
          ['user-01', 'user-02', 'user-03', 'user-04'],
        );
        const byEmail = await store.users.page({ limit: 30, offset: 0, sort: 'email', order: 'desc' });
        assert.equal(byEmail.items[0]?.username, 'user-24');
        assert.equal(byEmail.items.at(-1)?.email, null, 'no email last, descending too');
        const byState = await store.users.page({ limit: 30, offset: 0, sort: 'state', order: 'desc' });
        assert.deepEqual(
          byState.items.slice(0, 2).map((u) => [u.username, u.disabled]),
          [
            ['user-24', true],
            ['user-20', true],
          ],
        );
        const byDisplay = await store.users.page({ limit: 2, offset: 0, sort: 'displayName' });
        assert.deepEqual(
          byDisplay.items.map((u) => u.displayName),
          ['Marta 10', 'Marta 15'],
        );
      }));

    test('groups: members by name, the member filter, sort by member count', () =>
      withStore(async (store) => {
        const [ana, ben] = [
          await store.users.create({ username: 'ana', source: 'local' }),
          await store.users.create({ username: 'ben', source: 'local' }),
        ];
        for (const name of ['ops', 'devs', 'auditors', 'db-admins'])
          await store.groups.create({ name, description: name === 'ops' ? 'Night Shift' : '' });
        await store.groups.addMember('devs', ben.id);
        await store.groups.addMember('devs', ana.id);
        await store.groups.addMember('ops', ana.id);
        const all = await store.groups.page(page);
        assert.equal(all.total, 4);
        assert.deepEqual(
          all.items.map((g) => [g.name, g.memberNames]),
          [
            ['auditors', []],
            ['db-admins', []],
            ['devs', ['ana', 'ben']],
            ['ops', ['ana']],
          ],
        );
        assert.deepEqual(all.items[2]?.members.sort(), [ana.id, ben.id].sort());
        const ofAna = await store.groups.page({ ...page, member: 'ana' });
        assert.deepEqual(
          ofAna.items.map((g) => g.name),
          ['devs', 'ops'],
        );
        assert.equal((await store.groups.page({ ...page, member: 'nobody' })).total, 0);
        assert.deepEqual(
          (await store.groups.page({ ...page, q: 'night' })).items.map((g) => g.name),
          ['ops'],
        );
        const biggest = await store.groups.page({ limit: 2, offset: 0, sort: 'members', order: 'desc' });
        assert.deepEqual(
          biggest.items.map((g) => g.name),
          ['devs', 'ops'],
        );
        assert.deepEqual(
          (await store.groups.page({ limit: 1, offset: 1, sort: 'created', order: 'desc' })).items.map(
            (g) => g.name,
          ),
          ['auditors'],
        );
      }));

    test('workspaces: only the names the caller may see, searched and sorted', () =>
      withStore(async (store) => {
        for (const name of ['shop', 'payments', 'analytics'])
          await store.workspaces.create({ name, description: name === 'shop' ? 'Web Shop' : '' });
        assert.deepEqual(
          (await store.workspaces.page(page)).items.map((w) => w.name),
          ['analytics', 'payments', 'shop'],
        );
        const seen = await store.workspaces.page({ ...page, names: ['shop', 'payments'], sort: 'created' });
        assert.deepEqual(
          seen.items.map((w) => w.name),
          ['shop', 'payments'],
        );
        assert.equal(seen.total, 2);
        assert.equal((await store.workspaces.page({ ...page, names: [] })).total, 0, 'no names, nothing');
        assert.deepEqual(
          (await store.workspaces.page({ ...page, q: 'web s' })).items.map((w) => w.name),
          ['shop'],
        );
      }));

    test('bindings: filters by subject, role and scope, the reach a caller may see, scope order', () =>
      withStore(async (store) => {
        await store.workspaces.create({ name: 'shop' });
        const bind = (
          name: string,
          role: NewRoleBinding['role'],
          scope: NewRoleBinding['scope'],
          group = false,
        ) => store.bindings.create({ subject: { kind: group ? 'group' : 'user', name }, role, scope });
        await bind('root', 'Admin', { level: 'platform' });
        await bind('nadia', 'Admin', { level: 'namespace', cluster: 'eu', namespace: 'web' });
        await bind('ed', 'Editor', { level: 'cluster', cluster: 'eu' });
        await bind('devs', 'Editor', { level: 'workspace', workspace: 'shop' }, true);
        await bind('nadia', 'Viewer', { level: 'namespace', cluster: 'us', namespace: 'web' });
        await bind('Nadine', 'Viewer', { level: 'cluster', cluster: 'us' });

        const all = await store.bindings.page(page);
        assert.equal(all.total, 6);
        assert.deepEqual(
          all.items.map((b) => b.subject.name),
          ['root', 'nadia', 'ed', 'devs', 'nadia', 'Nadine'],
          'oldest first by default',
        );
        const nad = await store.bindings.page({ ...page, q: 'NAD', sort: 'subject' });
        assert.deepEqual(
          nad.items.map((b) => b.subject.name),
          ['nadia', 'nadia', 'Nadine'],
        );
        assert.deepEqual(
          (await store.bindings.page({ ...page, subjectKind: 'group' })).items.map((b) => b.subject.name),
          ['devs'],
        );
        assert.equal((await store.bindings.page({ ...page, role: 'Viewer' })).total, 2);
        assert.equal((await store.bindings.page({ ...page, level: 'namespace' })).total, 2);
        assert.equal((await store.bindings.page({ ...page, cluster: 'eu' })).total, 2);
        assert.equal((await store.bindings.page({ ...page, namespace: 'web' })).total, 2);
        assert.equal((await store.bindings.page({ ...page, cluster: 'us', namespace: 'web' })).total, 1);
        assert.equal((await store.bindings.page({ ...page, workspace: 'shop' })).total, 1);

        const byScope = await store.bindings.page({ ...page, sort: 'scope' });
        assert.deepEqual(
          byScope.items.map((b) => [b.scope.level, b.subject.name]),
          [
            ['platform', 'root'],
            ['workspace', 'devs'],
            ['cluster', 'ed'],
            ['cluster', 'Nadine'],
            ['namespace', 'nadia'],
            ['namespace', 'nadia'],
          ],
        );
        const clusterEu = await store.bindings.page({
          ...page,
          within: { workspaces: [], clusters: ['eu'], namespaces: [{ cluster: 'us', namespace: 'web' }] },
        });
        assert.deepEqual(
          clusterEu.items.map((b) => `${b.subject.name} ${b.scope.level}`),
          ['nadia namespace', 'ed cluster', 'nadia namespace'],
          "eu's bindings and its namespaces', and one namespace of us; not us itself",
        );
        const shopOnly = await store.bindings.page({
          ...page,
          within: { workspaces: ['shop'], clusters: [], namespaces: [] },
        });
        assert.deepEqual(
          shopOnly.items.map((b) => b.subject.name),
          ['devs'],
        );
        const none = await store.bindings.page({
          ...page,
          within: { workspaces: [], clusters: [], namespaces: [] },
        });
        assert.deepEqual([none.items, none.total], [[], 0]);
        const second = await store.bindings.page({ limit: 2, offset: 2, sort: 'role', order: 'desc' });
        assert.equal(second.total, 6);
        assert.deepEqual(
          second.items.map((b) => b.role),
          ['Editor', 'Editor'],
        );
      }));
  });
}
