import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0026: a sync state's error keeps its code and values beside the English (issue #10), so
 * the console words it in the reader's language. Both are nullable: an error kept before has none,
 * and the console shows its English until the sync fails again or recovers. The values are JSON text
 * on both dialects (a few short strings, never searched).
 */
export async function addSyncReasonCodes(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema.alterTable('sync_states').addColumn('reason_code', 'text').execute();
  await db.schema.alterTable('sync_states').addColumn('reason_params', 'text').execute();
}
