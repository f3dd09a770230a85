import { auditStoreSuite } from './audit-store-suite.ts';
import { iamStoreSuite } from './iam-store-suite.ts';
import { sqliteTestDatabase } from './iam-test-databases.ts';

iamStoreSuite('SQLite', sqliteTestDatabase);
auditStoreSuite('SQLite', sqliteTestDatabase);
