import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { bindingTable, groupTable, workspaceTable } from './access-tables.ts';
import { oidcLoginTable, sessionTable, throttleTable, tokenTable } from './credential-tables.ts';
import type { IamStore } from './iam-store.ts';
import { bindingPage, groupPage, userPage, workspacePage } from './people-pages.ts';
import { userTable } from './user-table.ts';

export interface SqlIamStoreOptions {
  /** The store's write connection, migrated to 0002 or later (SQLite or PostgreSQL). */
  db: Kysely<Database>;
  now?: () => number;
  newId?: () => string;
}

/** The identity store on the same SQL database as everything else; one code path for both dialects. */
export function createSqlIamStore(options: SqlIamStoreOptions): IamStore {
  const tables = { db: options.db, now: options.now ?? Date.now, newId: options.newId ?? randomUUID };
  return {
    users: { ...userTable(tables), page: (query) => userPage(options.db, query) },
    groups: { ...groupTable(tables), page: (query) => groupPage(options.db, query) },
    workspaces: { ...workspaceTable(tables), page: (query) => workspacePage(options.db, query) },
    bindings: { ...bindingTable(tables), page: (query) => bindingPage(options.db, query) },
    sessions: sessionTable(tables),
    tokens: tokenTable(tables),
    throttles: throttleTable(tables),
    oidcLogins: oidcLoginTable(tables),
    async forgetCluster(cluster) {
      await options.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('iam_role_bindings').where('cluster', '=', cluster).execute();
        await trx.deleteFrom('iam_workspace_namespaces').where('cluster', '=', cluster).execute();
      });
    },
  };
}
