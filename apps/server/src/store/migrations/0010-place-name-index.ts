import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0010 (PostgreSQL): resources by (type, cluster, namespace, name, id). A search limited to
 * a few namespaces merges the first rows of each (type, cluster, namespace) in name order; the key
 * index lacks the id that breaks ties, so PostgreSQL sorted each part again, reading 32 rows of it
 * at least before the merge could take its first (a thousand rows for a page over 50 parts). SQLite's
 * key index holds the rowid already.
 */
export async function addPlaceNameIndex(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`create index resources_by_place_name on resources (type_id, cluster_id, namespace, name, id)`.execute(
    db,
  );
}
