import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0021: inspections (issue #14). One row per configuration (its spec as JSON text, read
 * whole, and when its schedule next fires, so any replica's scheduler finds the due ones with one
 * query). One row per run: its state and summary (scores, objects looked at) as columns and JSON
 * text, and its findings as one JSON text read only when the run itself is asked for. Times are epoch
 * milliseconds.
 */
export async function addInspections(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('inspection_configs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('next_run_at', 'bigint')
    .execute();
  await db.schema
    .createTable('inspection_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('error', 'text')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('findings', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  // Runs are listed newest first, of one configuration or of all.
  await db.schema
    .createIndex('inspection_runs_by_config')
    .on('inspection_runs')
    .columns(['config', 'started_at', 'id'])
    .execute();
  await db.schema
    .createIndex('inspection_runs_by_start')
    .on('inspection_runs')
    .columns(['started_at', 'id'])
    .execute();
}
