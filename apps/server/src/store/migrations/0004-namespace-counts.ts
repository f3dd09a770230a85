import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0004: rows per (type, namespace, cluster, phase), kept like resource_counts, so the
 * rows left after a page of a namespace search are known without counting them one by one (ten
 * thousand index entries, milliseconds, per page). Keyed by type and namespace first, as searches ask.
 * Rows stored before are counted here.
 */
export async function addNamespaceCounts(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const pg = dialect === 'postgres';
  // Compared with resources.namespace and cluster_id, so sorted alike (byte by byte) in PostgreSQL.
  const text = pg ? sql.raw('text collate "C"') : 'text';
  let table = db.schema
    .createTable('resource_namespace_counts')
    .addColumn('type_id', 'integer', (c) => c.notNull())
    .addColumn('namespace', text, (c) => c.notNull())
    .addColumn('cluster_id', text, (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_namespace_counts_pk', ['type_id', 'namespace', 'cluster_id', 'phase']);
  if (!pg) table = table.modifyEnd(sql`without rowid`);
  await table.execute();
  await sql`
    insert into resource_namespace_counts (type_id, namespace, cluster_id, phase, count)
    select type_id, namespace, cluster_id, coalesce(phase, ''), count(*) from resources
    group by type_id, namespace, cluster_id, coalesce(phase, '')`.execute(db);
}
