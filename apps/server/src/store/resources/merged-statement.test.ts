import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { mergedPositional, mergedStatement, type PartOf } from './merged-statement.ts';
import type { Branch } from './namespace-branches.ts';

// Compiles as PostgreSQL does, without a server (a driver connects only to run a query): the
// statement is text and parameters only.
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: {} as never }) });

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

// SQLite's `?` parameters, compiled without a database.
const lite = new Kysely<Database>({ dialect: new SqliteDialect({ database: {} as never }) });

const keys = ({ branch, part: number, limit }: PartOf) =>
  lite
    .selectFrom('resources')
    .select(['name', 'id'])
    .select(sql<number>`${number}`.as('part'))
    .where('phase', '=', 'Running')
    .where('type_id', '=', branch.typeId)
    .where('cluster_id', '=', branch.clusterId)
    .where('namespace', '=', branch.namespace)
    .orderBy('name')
    .limit(limit);

test('SQLite’s merged statement repeats the part’s parameters with each part’s place, number and limit', () => {
  const places: Branch[] = [
    { typeId: 3, clusterId: 'c1', namespace: 'shop' },
    { typeId: 4, clusterId: 'c2', namespace: 'tools' },
  ];
  const statement = mergedPositional(keys, places, (part) => (part === 0 ? 5 : 101), ' order by "name" asc');
  assert.ok(statement);
  assert.deepEqual(statement.parameters, [
    0,
    'Running',
    3,
    'c1',
    'shop',
    5,
    1,
    'Running',
    4,
    'c2',
    'tools',
    101,
  ]);
  const parts = statement.sql.split(' union all ');
  assert.equal(parts.length, 2);
  assert.equal(parts[0], parts[1]?.replace(' order by "name" asc', ''));
  assert.equal(statement.sql.split('?').length - 1, statement.parameters.length);
  // The same as the parts built one by one, but for their number of ?.
  const one = keys({ branch: places[1] as Branch, part: 1, limit: 101 }).compile();
  assert.equal(parts[1], `select * from (${one.sql}) as b order by "name" asc`);
  assert.deepEqual(one.parameters, statement.parameters.slice(6));
});

test('SQLite’s merge falls back when a stand-in is written into the text or given twice', () => {
  const place = [{ typeId: 3, clusterId: 'c1', namespace: 'shop' }];
  const literalLimit = (of: PartOf) => keys(of).limit(sql.lit(10));
  assert.equal(
    mergedPositional(literalLimit, place, () => 10, ''),
    undefined,
  );
  const twice = (of: PartOf) => keys(of).where('cluster_id', '!=', of.branch.clusterId);
  assert.equal(
    mergedPositional(twice, place, () => 10, ''),
    undefined,
  );
});
