import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0008: resources by (type, cluster, namespace, created). A search limited to a few
 * namespaces reads the first rows of each (type, cluster, namespace) in its sort order and merges
 * them (namespace-branches.ts); the key index gives them in name order, this one in creation order.
 * PostgreSQL names `id` last, as its other sort indexes do, for the keyset comparison.
 */
export async function addPlaceCreatedIndex(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const columns = ['type_id', 'cluster_id', 'namespace', 'created_at'];
  await db.schema
    .createIndex('resources_by_place_created')
    .on('resources')
    .columns(dialect === 'postgres' ? [...columns, 'id'] : columns)
    .execute();
}
