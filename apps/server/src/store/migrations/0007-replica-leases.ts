import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0007: replicas of one Portolan on one database, and the leases that say which replica
 * does what (a member cluster's sync, a singleton job). A lease's generation goes up on every change
 * of owner, so a write made under an older one can be refused (fencing). Times are epoch milliseconds.
 */
export async function addReplicaLeases(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('replicas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    // '' when released: anyone may take it at once.
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('generation', 'bigint', (c) => c.notNull())
    .addColumn('acquired_at', 'bigint', (c) => c.notNull())
    .addColumn('renewed_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`create index leases_owner on leases (owner)`.execute(db);
}
