import { sqliteTestDatabase } from '../testing/database-fixtures.ts';
import { terminalStoreSuite } from './terminal-store-suite.ts';

terminalStoreSuite('SQLite', sqliteTestDatabase);
