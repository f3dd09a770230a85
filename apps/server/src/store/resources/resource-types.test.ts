import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { sqliteTestDatabase } from '../testing/database-fixtures.ts';
import { ResourceTypes } from './resource-types.ts';

const WIDGETS = { group: 'example.com', version: 'v1', resource: 'widgets' };
const GADGETS = { group: 'example.com', version: 'v1', resource: 'gadgets' };

// A search reads the freshness of every type of every cluster, and clusters list many kinds empty
// (their types have no kind): with 22 such types on 5 real clusters, each search read the types table
// 110 times, 35 ms of a 40 ms search on PostgreSQL.
test('a type without a kind is not read again for its group and resource, but is for its kind', async () => {
  const database = await sqliteTestDatabase();
  try {
    let reads = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        reads += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const types = new ResourceTypes(database.db.withPlugin(counting));
    const kindless = await types.ensure(WIDGETS, '');

    reads = 0;
    const answers = await Promise.all(Array.from({ length: 50 }, () => types.known(kindless)));
    assert.ok(answers.every((type) => type.resource === 'widgets' && type.kind === ''));
    assert.equal(reads, 0, 'what is known is not read again');

    // Another replica stores a row of the type, and so its kind: a row's type is read with its kind.
    await database.db
      .updateTable('resource_types')
      .set({ kind: 'Widget' })
      .where('id', '=', kindless)
      .execute();
    assert.equal((await types.byId(kindless)).kind, 'Widget');
    assert.equal(reads, 1);
    await types.byId(kindless);
    assert.equal(reads, 1, 'once it has its kind, it is not read again');

    // A type another replica added is read once, when first met.
    const other = new ResourceTypes(database.db);
    const added = await other.ensure(GADGETS, 'Gadget');
    assert.equal((await types.known(added)).resource, 'gadgets');
    assert.equal(reads, 2);
    await assert.rejects(types.known(9_999), /resource type 9999 is missing/);
  } finally {
    await database.destroy();
  }
});
