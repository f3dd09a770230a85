import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0025: a cluster's reason keeps its code and values beside the English (issue #10), so the
 * console words it in the reader's language. Both are nullable: a reason kept before has none, and
 * the console shows its English until the next probe writes the code. The values are JSON text on
 * both dialects (a few short strings, never searched).
 */
export async function addClusterReasonCodes(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema.alterTable('clusters').addColumn('reason_code', 'text').execute();
  await db.schema.alterTable('clusters').addColumn('reason_params', 'text').execute();
}
