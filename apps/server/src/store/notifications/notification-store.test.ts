import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postgresTestDatabase, sqliteTestDatabase } from '../testing/database-fixtures.ts';
import { notificationStoreSuite } from './notification-store-suite.ts';

notificationStoreSuite('SQLite', sqliteTestDatabase);

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
if (url) notificationStoreSuite('PostgreSQL', () => postgresTestDatabase(url));
// Failed rather than skipped: a run without PostgreSQL must not pass for one that tested it.
else
  test('PostgreSQL notification store: needs PORTOLAN_TEST_POSTGRES_URL (bash scripts/postgres.sh start)', () =>
    assert.fail());
