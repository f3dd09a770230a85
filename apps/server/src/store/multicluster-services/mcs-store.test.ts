import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postgresTestDatabase, sqliteTestDatabase } from '../testing/database-fixtures.ts';
import { multiClusterServiceStoreSuite } from './mcs-store-suite.ts';

multiClusterServiceStoreSuite('SQLite', sqliteTestDatabase);

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
if (url) multiClusterServiceStoreSuite('PostgreSQL', () => postgresTestDatabase(url));
// Failed rather than skipped: a run without PostgreSQL must not pass for one that tested it.
else
  test('PostgreSQL multi-cluster Service store: needs PORTOLAN_TEST_POSTGRES_URL (bash scripts/postgres.sh start)', () =>
    assert.fail());
