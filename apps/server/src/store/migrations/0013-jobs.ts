import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0013: recorded jobs (a Helm install, later an upgrade or a backup) and their steps.
 * Times are epoch milliseconds; params and result are JSON text in both dialects (read whole, never
 * queried inside). A cancel asked on another replica waits in `cancel_requested_by` for the owner.
 */
export async function addJobs(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text')
    .addColumn('namespace', 'text')
    .addColumn('target', 'text')
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('replica', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('error', 'text')
    .addColumn('result', 'text')
    .addColumn('cancel_requested_by', 'text')
    .execute();
  // Newest first: all jobs, per cluster, per kind; and the running ones by replica (sweeps, cancels).
  await sql`create index jobs_created on jobs (created_at desc, id desc)`.execute(db);
  await sql`create index jobs_cluster_created on jobs (cluster, created_at desc, id desc)`.execute(db);
  await sql`create index jobs_kind_created on jobs (kind, created_at desc, id desc)`.execute(db);
  await sql`create index jobs_state_replica on jobs (state, replica)`.execute(db);
  await db.schema
    .createTable('job_steps')
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('job_steps_pk', ['job_id', 'seq'])
    .execute();
}
