import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postgresTestDatabase } from '../testing/database-fixtures.ts';
import { terminalStoreSuite } from './terminal-store-suite.ts';

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;

if (!url) {
  test('PostgreSQL terminal store', () => {
    assert.fail(
      'PORTOLAN_TEST_POSTGRES_URL is not set, so the PostgreSQL terminal store was not tested. Run the ' +
        'tests through scripts/test.sh, or: export PORTOLAN_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"',
    );
  });
} else {
  terminalStoreSuite('PostgreSQL', () => postgresTestDatabase(url));
}
