import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0023: backups (issue #15). Destinations (their settings as JSON text, the S3 secret sealed
 * apart), plans (spec as JSON text and when the schedule next fires, so any replica's scheduler finds
 * the due ones in one query), backups and restores (a few columns to filter on; the rest as JSON text
 * the service shapes; a restore's per-object results as one JSON text read only when asked for).
 * Times are epoch milliseconds.
 */
export async function addBackups(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('backup_destinations')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('sealed_secret', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('backup_plans')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('next_run_at', 'bigint')
    .execute();
  await db.schema
    .createTable('backups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan', 'text')
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('backups_by_plan').on('backups').columns(['plan', 'started_at']).execute();
  await db.schema.createIndex('backups_by_start').on('backups').columns(['started_at', 'id']).execute();
  await db.schema
    .createTable('restores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('restores_by_start').on('restores').columns(['started_at', 'id']).execute();
}
