import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import type { Database } from '../schema.ts';
import { mergedStatement } from './merged-statement.ts';
import type { Branch } from './namespace-branches.ts';

// Compiles as PostgreSQL does, without a server: the statement is text and parameters only.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const part = (branch: Branch) =>
  db
    .selectFrom('resources')
    .select(['id', 'name'])
    .where('phase', '=', 'Running')
    .where('type_id', '=', branch.typeId)
    .where('cluster_id', '=', branch.clusterId)
    .where('namespace', '=', branch.namespace)
    .where(sql<boolean>`(name, id) > (${'web-1'}, ${7})`)
    .orderBy('name')
    .limit(sql.lit(11));

test('a merged statement shares the filters’ parameters and gives each part its own place', () => {
  const places: Branch[] = [
    { typeId: 3, clusterId: 'c1', namespace: 'shop' },
    { typeId: 3, clusterId: 'c2', namespace: 'shop' },
  ];
  const statement = mergedStatement(part, places, ' order by "name" asc limit 11');
  assert.ok(statement);
  assert.deepEqual(statement.parameters, ['Running', 'web-1', 7, 3, 'c1', 'shop', 3, 'c2', 'shop']);
  const [first, second] = statement.sql.split(' union all ');
  assert.match(first ?? '', /"phase" = \$1 and "type_id" = \$4 and "cluster_id" = \$5 and "namespace" = \$6/);
  assert.match(
    second ?? '',
    /"phase" = \$1 and "type_id" = \$7 and "cluster_id" = \$8 and "namespace" = \$9/,
  );
  assert.match(second ?? '', /\(name, id\) > \(\$2, \$3\)/);
  assert.ok(statement.sql.endsWith(') as b order by "name" asc limit 11'));
  // Every parameter is used: PostgreSQL refuses one it cannot give a type.
  const used = new Set([...statement.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  assert.deepEqual(
    [...used].sort((a, b) => a - b),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
});

test('a part that does not hold its place as parameters is not merged this way', () => {
  const fixed = (branch: Branch) => part({ ...branch, namespace: 'shop' });
  assert.equal(mergedStatement(fixed, [{ typeId: 3, clusterId: 'c1', namespace: 'shop' }], ''), undefined);
});
