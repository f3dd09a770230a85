import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0027: a propagation's reasons (of a target cluster, of an object), its events and a
 * multi-cluster Service's import reasons keep their code and values beside the English (issue #10), so
 * the console words them in the reader's language (an export's reason is in its JSON already).
 * All nullable: what was kept before has none, and the console shows its English. The values are JSON
 * text on both dialects (a few short strings, never searched).
 */
export async function addPropagationReasonCodes(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  for (const table of ['propagation_targets', 'propagation_objects', 'multicluster_service_imports']) {
    await db.schema.alterTable(table).addColumn('reason_code', 'text').execute();
    await db.schema.alterTable(table).addColumn('reason_params', 'text').execute();
  }
  await db.schema.alterTable('propagation_events').addColumn('message_code', 'text').execute();
  await db.schema.alterTable('propagation_events').addColumn('message_params', 'text').execute();
}
