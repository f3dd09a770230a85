import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0028: an alert Portolan raises itself (NotificationDeliveryFailing) keeps the code and
 * values of its summary and description beside the English (issue #10), so the console words them in
 * the reader's language. Nullable: a rule's alerts and what was kept before have none, and the console
 * shows their English. The values are JSON text on both dialects (a few short strings, never searched).
 */
export async function addAlertTextCodes(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('text_code', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('text_params', 'text').execute();
}
