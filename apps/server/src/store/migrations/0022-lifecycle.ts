import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0022: cluster lifecycle (issue #15). One row per cluster Portolan created (its spec as
 * JSON text, its etcd snapshot schedule and when it next fires, so any replica's scheduler finds the
 * due ones with one query). One row per operation: state and cluster as columns for lists, the plan of
 * steps, failure and the rest as one JSON document rewritten as the steps move. Times are epoch ms.
 */
export async function addLifecycle(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('lifecycle_clusters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('snapshot_cron', 'text')
    .addColumn('snapshot_keep', 'integer')
    .addColumn('next_snapshot_at', 'bigint')
    .execute();
  await db.schema
    .createTable('lifecycle_operations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .execute();
  // Lists are newest first, of one cluster or of all; the recovery sweep reads the running ones.
  await db.schema
    .createIndex('lifecycle_operations_by_cluster')
    .on('lifecycle_operations')
    .columns(['cluster', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('lifecycle_operations_by_state')
    .on('lifecycle_operations')
    .columns(['state', 'created_at'])
    .execute();
}
