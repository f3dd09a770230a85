import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditStoreSuite } from '../testing/audit-store-suite.ts';
import { postgresTestDatabase } from '../testing/database-fixtures.ts';
import { iamPageSuite } from '../testing/iam-page-suite.ts';
import { iamStoreSuite } from '../testing/iam-store-suite.ts';

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;

if (!url) {
  test('PostgreSQL identity and audit stores', () => {
    assert.fail(
      'PORTOLAN_TEST_POSTGRES_URL is not set, so the PostgreSQL identity store was not tested. Run the tests ' +
        'through scripts/test.sh, or: export PORTOLAN_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"',
    );
  });
} else {
  iamStoreSuite('PostgreSQL', () => postgresTestDatabase(url));
  iamPageSuite('PostgreSQL', () => postgresTestDatabase(url));
  auditStoreSuite('PostgreSQL', () => postgresTestDatabase(url));
}
