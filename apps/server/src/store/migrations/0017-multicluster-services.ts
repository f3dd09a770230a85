import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0017: multi-cluster Services. One row per MultiClusterService document (JSON text, read
 * whole) with who saved it last and what each exporting cluster offered at the last look (JSON text:
 * kept so an exporting cluster that goes Offline keeps its endpoints for a grace period, whichever
 * replica runs the controller). One row per import cluster: its state, reason, endpoint count, when
 * it was last kept in step, and the objects Portolan created there (kind, name, uid): a removal
 * deletes exactly those. Times are epoch milliseconds.
 */
export async function addMultiClusterServices(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('multicluster_services')
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleting', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('exports', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('multicluster_services_pk', ['namespace', 'name'])
    .execute();
  await db.schema
    .createTable('multicluster_service_imports')
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('endpoints', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_synced_at', 'bigint')
    .addColumn('owned', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('multicluster_service_imports_pk', ['namespace', 'name', 'cluster'])
    .execute();
}
