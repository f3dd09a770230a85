import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0018: the metrics engine. `metrics_engine` has one row per engine Portolan runs (today
 * only `managed`): the address of the Prometheus the replica holding the `metrics-engine` lease
 * started, that replica, the version and the settings it runs with (JSON text), so every replica
 * queries the same engine. `metrics_sources` holds a cluster's external Prometheus: its URL, the
 * label and value naming the cluster there, and the bearer token sealed like a cluster's credentials
 * (bound to the cluster id). Times are epoch milliseconds.
 */
export async function addMetricsEngine(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('metrics_engine')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('replica', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('metrics_sources')
    .addColumn('cluster_id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('cluster_label', 'text', (c) => c.notNull())
    .addColumn('cluster_value', 'text')
    .addColumn('sealed_token', 'text')
    .addColumn('skip_tls_verify', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
