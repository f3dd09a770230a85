import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0001: clusters, resources and their indexes, labels, counts and sync states. Released
 * migrations are never edited; a change is a new migration. Both dialects get the same tables and
 * indexes; they differ in column types and in the name-substring index (FTS5 trigram in SQLite,
 * pg_trgm in PostgreSQL). PostgreSQL indexes name `id` last because its keyset comparisons need it,
 * SQLite's rowid is in every index already.
 */
export async function createInitialTables(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const pg = dialect === 'postgres';
  const json = pg ? 'jsonb' : 'text';
  const millis = pg ? 'bigint' : 'integer';
  const withId = (columns: string[]) => (pg ? [...columns, 'id'] : columns);
  // Sort keys compare byte by byte in both dialects, whatever the database's locale.
  const sortText = pg ? sql.raw('text collate "C"') : 'text';

  await db.schema
    .createTable('clusters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('labels', sql.raw(json), (c) => c.notNull())
    .addColumn('server_url', 'text', (c) => c.notNull())
    .addColumn('credentials', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', sql.raw(millis), (c) => c.notNull())
    .addColumn('updated_at', sql.raw(millis), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('last_seen_at', sql.raw(millis))
    .addColumn('probe_latency_ms', 'integer')
    .addColumn('version', 'text')
    .addColumn('platform', 'text')
    .addColumn('node_count', 'integer')
    .execute();

  await db.schema
    .createTable('resource_types')
    .addColumn('id', 'integer', (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('api_group', 'text', (c) => c.notNull())
    .addColumn('api_version', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addUniqueConstraint('resource_types_gvr', ['api_group', 'api_version', 'resource'])
    .execute();

  await db.schema
    .createTable('resources')
    .addColumn('id', pg ? 'bigint' : 'integer', (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('cluster_id', sortText, (c) => c.notNull())
    .addColumn('type_id', 'integer', (c) => c.notNull())
    .addColumn('namespace', sortText, (c) => c.notNull())
    .addColumn('name', sortText, (c) => c.notNull())
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('resource_version', 'text', (c) => c.notNull())
    .addColumn('labels', sql.raw(json), (c) => c.notNull())
    .addColumn('owner_uid', 'text')
    .addColumn('node_name', 'text')
    .addColumn('phase', 'text')
    .addColumn('created_at', sql.raw(millis), (c) => c.notNull())
    .addColumn('object', sql.raw(json), (c) => c.notNull())
    .addColumn('synced_at', sql.raw(millis), (c) => c.notNull())
    .execute();
  const index = (name: string, columns: string[], unique = false) => {
    const builder = db.schema.createIndex(name).on('resources').columns(columns);
    return (unique ? builder.unique() : builder).execute();
  };
  // The key; also serves the cluster sort and purging a cluster.
  await index('resources_key', ['type_id', 'cluster_id', 'namespace', 'name'], true);
  await index('resources_by_name', withId(['type_id', 'name']));
  await index('resources_by_namespace', withId(['type_id', 'namespace', 'name']));
  await index('resources_by_created', withId(['type_id', 'created_at']));
  await index('resources_by_phase', withId(['type_id', 'phase', 'name']));
  // Partial: many rows have no owner or node. The node index names `name` so the pods of a node
  // come out sorted by name, and are counted, without reading the rows.
  await db.schema
    .createIndex('resources_by_owner')
    .on('resources')
    .column('owner_uid')
    .where(sql.ref('owner_uid'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('resources_by_node')
    .on('resources')
    .columns(withId(['type_id', 'node_name', 'name']))
    .where(sql.ref('node_name'), 'is not', null)
    .execute();

  let labels = db.schema
    .createTable('resource_labels')
    .addColumn('row_id', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('type_id', 'integer', (c) => c.notNull())
    .addColumn('cluster_id', sortText, (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_labels_pk', ['row_id', 'key']);
  if (!pg) labels = labels.modifyEnd(sql`without rowid`);
  await labels.execute();
  await db.schema
    .createIndex('resource_labels_by_value')
    .on('resource_labels')
    .columns(['type_id', 'key', 'value', 'cluster_id', 'row_id'])
    .execute();

  let counts = db.schema
    .createTable('resource_counts')
    .addColumn('cluster_id', 'text', (c) => c.notNull())
    .addColumn('type_id', 'integer', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_counts_pk', ['cluster_id', 'type_id', 'phase']);
  if (!pg) counts = counts.modifyEnd(sql`without rowid`);
  await counts.execute();

  await db.schema
    .createTable('sync_states')
    .addColumn('cluster_id', 'text', (c) => c.notNull())
    .addColumn('type_id', 'integer', (c) => c.notNull())
    .addColumn('resource_version', 'text')
    .addColumn('last_event_at', sql.raw(millis))
    .addColumn('lag_ms', 'integer')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('sync_states_pk', ['cluster_id', 'type_id'])
    .execute();

  if (pg) {
    // pg_trgm is in Debian's postgresql package but needs CREATE on the database; without it
    // name-substring search still works, as a scan.
    await sql`
    DO $$ BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX resources_name_trigrams ON resources USING gin (name gin_trgm_ops);
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'pg_trgm is unavailable (%): name-substring search will scan', SQLERRM;
    END $$`.execute(db);
  } else {
    // Contentless: the names live in resources; rowid = resources.id.
    await sql`CREATE VIRTUAL TABLE resource_names USING fts5(
    name, tokenize = 'trigram', content = '', contentless_delete = 1)`.execute(db);
  }
}
