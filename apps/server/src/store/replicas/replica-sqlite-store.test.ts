import { sqliteTestDatabase } from '../testing/database-fixtures.ts';
import { replicaStoreSuite } from '../testing/replica-store-suite.ts';

replicaStoreSuite('SQLite', sqliteTestDatabase);
