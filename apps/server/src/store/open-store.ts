import path from 'node:path';
import { openPostgresStore } from './postgres-store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

/** PostgreSQL when a database URL is given, else the SQLite file in the data directory. */
export function openStore(options: { dataDir: string; databaseUrl?: string | undefined }): Promise<Store> {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new Error(
        'store: the database URL must start with postgresql:// (only PostgreSQL is supported besides the built-in SQLite)',
      );
    }
    return openPostgresStore({ url: options.databaseUrl });
  }
  return openSqliteStore({ file: path.join(options.dataDir, 'portolan.db') });
}
