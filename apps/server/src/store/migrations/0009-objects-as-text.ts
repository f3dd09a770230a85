import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0009 (PostgreSQL; SQLite keeps objects as text already): resource_objects.object becomes
 * text compressed with lz4. Objects are only ever stored and read back whole, never queried inside,
 * and jsonb cost more than it gave: parsing every 4–8 KB pod on write and compressing it with pglz made
 * the object insert most of a sync's time (3,700 objects/s alone, against 19,000 as text with lz4), and
 * every page with objects was turned back into text. As text, an object is also kept as the cluster
 * sent it (jsonb reorders keys). Rewrites the table once: about a minute per million objects.
 * Where the server lacks lz4, PostgreSQL's default compression stays.
 */
export async function storeObjectsAsText(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  if (dialect !== 'postgres') return;
  const { rows } = await sql<{ type: string }>`
    select data_type as type from information_schema.columns
    where table_schema = current_schema() and table_name = 'resource_objects' and column_name = 'object'`.execute(
    db,
  );
  // Asked first: a failed SET would end the migration's transaction.
  const { rows: settings } = await sql`
    select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`.execute(db);
  const lz4 = settings.length > 0;
  // The rewrite below compresses with this; the column's own setting is for rows written later.
  if (lz4) await sql`set local default_toast_compression = 'lz4'`.execute(db);
  if (rows[0]?.type !== 'text') {
    await sql`alter table resource_objects alter column object type text using object::text`.execute(db);
  }
  if (lz4) await sql`alter table resource_objects alter column object set compression lz4`.execute(db);
}
