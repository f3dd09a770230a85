import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0005: the objects move out of resources into resource_objects (by row id). A page of
 * search results reads a hundred rows at random places in resources; with objects (about 1 KB each) in
 * them, those rows filled 1.4 GB at a million rows, so most reads left the page cache for the disk.
 * Without, resources is a sixth of that. SQLite has the table rebuilt (dropping a column would leave
 * every row where it was, the pages as sparse as before); ids, and so labels and the name index, stay.
 */
export async function moveObjects(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const pg = dialect === 'postgres';
  await db.schema
    .createTable('resource_objects')
    .addColumn('id', pg ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('object', sql.raw(pg ? 'jsonb' : 'text'), (c) => c.notNull())
    .execute();
  await sql`insert into resource_objects (id, object)
    select id, ${pg ? sql`cast(object as jsonb)` : sql`object`} from resources`.execute(db);
  if (pg) {
    await sql`alter table resources drop column object`.execute(db);
    return;
  }
  const columns = sql.raw(
    'id, cluster_id, type_id, namespace, name, uid, resource_version, labels, owner_uid, node_name, ' +
      'phase, created_at, synced_at, cpu_request, memory_request',
  );
  await sql`create table resources_rebuilt (
    id integer primary key,
    cluster_id text not null,
    type_id integer not null,
    namespace text not null,
    name text not null,
    uid text not null,
    resource_version text not null,
    labels text not null,
    owner_uid text,
    node_name text,
    phase text,
    created_at integer not null,
    synced_at integer not null,
    cpu_request bigint,
    memory_request bigint)`.execute(db);
  await sql`insert into resources_rebuilt (${columns}) select ${columns} from resources order by id`.execute(
    db,
  );
  await sql`drop table resources`.execute(db);
  await sql`alter table resources_rebuilt rename to resources`.execute(db);
  // The indexes of migration 0001, as they were.
  await sql`create unique index resources_key on resources (type_id, cluster_id, namespace, name)`.execute(
    db,
  );
  await sql`create index resources_by_name on resources (type_id, name)`.execute(db);
  await sql`create index resources_by_namespace on resources (type_id, namespace, name)`.execute(db);
  await sql`create index resources_by_created on resources (type_id, created_at)`.execute(db);
  await sql`create index resources_by_phase on resources (type_id, phase, name)`.execute(db);
  await sql`create index resources_by_owner on resources (owner_uid) where owner_uid is not null`.execute(db);
  await sql`create index resources_by_node on resources (type_id, node_name, name) where node_name is not null`.execute(
    db,
  );
}
