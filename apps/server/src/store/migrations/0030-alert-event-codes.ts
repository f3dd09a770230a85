import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0030: an event on an alert's timeline keeps the code and values of its detail beside the
 * English (issue #10, alert-event-codes.ts), so the console words "raised by Portolan", "condition no
 * longer holds" or a failed notification in the reader's language. Nullable: events kept before have
 * none, and the console shows their English. The values are JSON text on both dialects (a few short
 * strings, never searched).
 */
export async function addAlertEventCodes(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema.alterTable('alert_events').addColumn('detail_code', 'text').execute();
  await db.schema.alterTable('alert_events').addColumn('detail_params', 'text').execute();
}
