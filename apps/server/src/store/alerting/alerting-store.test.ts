import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postgresTestDatabase, sqliteTestDatabase } from '../testing/database-fixtures.ts';
import { alertingStoreSuite } from './alerting-store-suite.ts';

alertingStoreSuite('SQLite', sqliteTestDatabase);

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
if (url) alertingStoreSuite('PostgreSQL', () => postgresTestDatabase(url));
// Failed rather than skipped: a run without PostgreSQL must not pass for one that tested it.
else
  test('PostgreSQL alerting store: needs PORTOLAN_TEST_POSTGRES_URL (bash scripts/postgres.sh start)', () =>
    assert.fail());
