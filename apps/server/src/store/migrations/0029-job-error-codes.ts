import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0029: a failed job keeps its reason's code and values beside the English (issue #10), so
 * the console words a Helm operation's failure in the reader's language. Nullable: a job that ended
 * well, a reason without a code and what was kept before have none, and the console shows the English.
 * The values are JSON text on both dialects (a few short strings, never searched).
 */
export async function addJobErrorCodes(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('error_code', 'text').execute();
  await db.schema.alterTable('jobs').addColumn('error_params', 'text').execute();
}
