import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0024 (PostgreSQL): labels are searched through GIN indexes of the rows' own labels
 * (`resources.labels`, jsonb) instead of resource_labels, which PostgreSQL no longer keeps. Each pod
 * had about five label rows with two B-tree indexes of their own: a quarter of a first sync's
 * database time, and 1.5 GB of a database of a million pods (the two indexes: 25 MB, built in
 * seconds). A GIN index takes new entries into its pending list and merges them in bulk.
 * - resources_labels, `jsonb_path_ops`: `key=value` and `key in (…)` as containment of the pair. One
 *   entry per pair, so a rare pair is found in a fraction of a millisecond at a million pods; the
 *   default `jsonb_ops` keeps keys and values apart, and reading the entries of a key every pod has
 *   (`app`) took 5–7 ms.
 * - resources_label_keys: the keys alone, as a JSON array, for `key` (present) selectors, which
 *   `jsonb_path_ops` cannot serve.
 * Both keep a pending list of at most 512 kB (64 pages; the default is 4 MB): every search reads the
 * whole list, and at a million pods 243 pages of it after one first sync took 1.8 ms a lookup, where
 * the merged index alone answered in 0.05 ms. (The name trigram index keeps the default: the same
 * bound made first syncs about 15 % slower, its 25 or so entries a name filling the list every
 * thousand rows, though its 398 pending pages after a sync made a name-substring probe 7.2 ms against
 * 0.24 ms merged. Since then the store merges all three lists once writes pause: pending-lists.ts.)
 * SQLite keeps its label rows.
 */
export async function addLabelIndex(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`create index resources_labels on resources using gin (labels jsonb_path_ops)
    with (gin_pending_list_limit = 512)`.execute(db);
  await sql`create index resources_label_keys on resources
    using gin ((jsonb_path_query_array(labels, '$.keyvalue().key')) jsonb_path_ops)
    with (gin_pending_list_limit = 512)`.execute(db);
  await sql`truncate resource_labels`.execute(db);
}
