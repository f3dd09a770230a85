import { sqliteTestDatabase } from '../testing/database-fixtures.ts';
import { jobStoreSuite } from './job-store-suite.ts';

jobStoreSuite('SQLite', sqliteTestDatabase);
