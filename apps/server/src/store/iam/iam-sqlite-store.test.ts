import { auditStoreSuite } from '../testing/audit-store-suite.ts';
import { sqliteTestDatabase } from '../testing/database-fixtures.ts';
import { iamPageSuite } from '../testing/iam-page-suite.ts';
import { iamStoreSuite } from '../testing/iam-store-suite.ts';

iamStoreSuite('SQLite', sqliteTestDatabase);
iamPageSuite('SQLite', sqliteTestDatabase);
auditStoreSuite('SQLite', sqliteTestDatabase);
