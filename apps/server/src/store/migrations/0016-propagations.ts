import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0016: multi-cluster applications (propagations). A propagation's document is JSON text,
 * read whole. Beside it: the state of each target cluster; the ownership record of every object
 * Portolan applied (whether Portolan created it decides whether a cleanup may ever delete it);
 * failover's memory between rounds (JSON); and the events, newest first. Times are epoch
 * milliseconds; flags are 0/1 integers in both dialects. Objects are keyed by cluster name, as
 * documents name clusters.
 */
export async function addPropagations(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('propagations')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('observed_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleting', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failover', 'text')
    .execute();
  await db.schema
    .createTable('propagation_targets')
    .addColumn('propagation', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('replicas', 'integer')
    .addColumn('moved_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('moved_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('offline_since', 'bigint')
    .addColumn('last_applied_at', 'bigint')
    .addPrimaryKeyConstraint('propagation_targets_pk', ['propagation', 'cluster'])
    .execute();
  await db.schema
    .createTable('propagation_objects')
    .addColumn('propagation', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('api_version', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uid', 'text')
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('applied_generation', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('last_applied_at', 'bigint')
    .addPrimaryKeyConstraint('propagation_objects_pk', [
      'propagation',
      'cluster',
      'api_version',
      'kind',
      'namespace',
      'name',
    ])
    .execute();
  // What Portolan owns on a cluster, across propagations (a cluster's cleanup, the status page).
  await sql`create index propagation_objects_cluster on propagation_objects (cluster)`.execute(db);
  await db.schema
    .createTable('propagation_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('propagation', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('object', 'text')
    .execute();
  await sql`create index propagation_events_newest on propagation_events (propagation, at desc, id desc)`.execute(
    db,
  );
  await sql`create index propagation_events_at on propagation_events (at)`.execute(db);
}
