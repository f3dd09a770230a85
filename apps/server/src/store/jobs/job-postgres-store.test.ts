import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postgresTestDatabase } from '../testing/database-fixtures.ts';
import { jobStoreSuite } from './job-store-suite.ts';

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;

if (!url) {
  test('PostgreSQL job store', () => {
    assert.fail(
      'PORTOLAN_TEST_POSTGRES_URL is not set, so the PostgreSQL job store was not tested. Run the tests ' +
        'through scripts/test.sh, or: export PORTOLAN_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"',
    );
  });
} else {
  jobStoreSuite('PostgreSQL', () => postgresTestDatabase(url));
}
