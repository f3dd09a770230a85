import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type SqlBool, sql } from 'kysely';
import { migrateToLatest } from './migrations/migrate.ts';
import { NameTrigrams } from './resources/name-trigrams.ts';
import { escapeLike } from './resources/search-plan.ts';
import type { Database } from './schema.ts';
import { createSqlStore } from './sql-store.ts';
import { SqliteCheckpoints } from './sqlite-checkpoints.ts';
import { StablePlanSqliteDialect } from './sqlite-dialect.ts';
import { withStatementCache } from './sqlite-statements.ts';
import type { Store } from './store.ts';

export interface SqliteStoreOptions {
  /** The database file; created with its directory when missing. */
  file: string;
  now?: () => number;
  newId?: () => string;
}

/** 40 MB of WAL between the writer's checkpoints: fewer, larger ones. */
const WRITER_CHECKPOINT_PAGES = 10_000;

function connect(file: string, cacheMiB: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(file);
  // WAL lets the read connection query while the write connection commits; NORMAL sync is safe with
  // WAL (a crash can lose the last commits, never corrupt), and rows can be resynced from clusters.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma(`cache_size = ${-cacheMiB * 1024}`);
  // No memory-mapped reads: when another connection has written (an audit record, a synced change),
  // SQLite unmaps the whole file before the next read and maps it again, page fault by page fault.
  // At 1M rows that made the first query after each write 0.5–2 ms slower with 256 MB mapped, and
  // up to 20 ms with the whole file; reading just the pages a query needs costs less.
  db.pragma('mmap_size = 0');
  db.pragma('temp_store = MEMORY');
  db.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  return db;
}

/** A database file this large has its checkpoints made on a thread of their own (SqliteCheckpoints). */
const LARGE_FILE_BYTES = 256 * 1024 * 1024;

/** The embedded store: one SQLite file, a connection for writes and one for reads. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  mkdirSync(path.dirname(options.file), { recursive: true });
  let writeConnection: BetterSqlite3.Database;
  try {
    writeConnection = connect(options.file, 64); // index pages touched by inserts stay cached
  } catch (error) {
    throw new Error(
      `store: cannot open the SQLite database ${options.file}: ${(error as Error).message}. ` +
        'Check that the data directory is writable and not on a network file system.',
      { cause: error },
    );
  }
  const write = new Kysely<Database>({
    dialect: new StablePlanSqliteDialect({ database: withStatementCache(writeConnection) }),
  });
  await migrateToLatest(write as Kysely<unknown>, 'sqlite');
  const readConnection = connect(options.file, 16);
  const read = new Kysely<Database>({
    dialect: new StablePlanSqliteDialect({ database: withStatementCache(readConnection) }),
  });
  // Statistics let the planner pick the right index; bounded so it stays quick on large tables.
  const optimize = async () => {
    writeConnection.pragma('analysis_limit = 1000');
    writeConnection.pragma('optimize');
    readConnection.exec('ANALYZE sqlite_schema'); // reloads the statistics into the read connection
  };
  await optimize();
  let written = 0;
  // Checkpoints on a thread of their own once the file is large; the writer's own then wait for a log
  // of 100,000 pages (400 MB), should that thread fall behind, and are back as before if it fails.
  const checkpoints = new SqliteCheckpoints(options.file, {
    onFailure: () => writeConnection.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`),
  });
  const checkpointApartWhenLarge = () => {
    if (checkpoints.running || checkpoints.failed) return;
    if (statSync(options.file).size < LARGE_FILE_BYTES) return;
    checkpoints.start();
    writeConnection.pragma('wal_autocheckpoint = 100000');
  };
  checkpointApartWhenLarge();
  const trigrams = new NameTrigrams(read, options.now);

  return createSqlStore({
    write,
    read,
    names: {
      async add(trx, rows) {
        for (let i = 0; i < rows.length; i += 400) {
          const values = rows.slice(i, i + 400).map((r) => sql`(${r.id}, ${r.name})`);
          await sql`insert into resource_names (rowid, name) values ${sql.join(values)}`.execute(trx);
        }
      },
      async remove(trx, ids) {
        if (Array.isArray(ids)) {
          if (ids.length > 0)
            await sql`delete from resource_names where rowid in (${sql.join(ids)})`.execute(trx);
        } else {
          await sql`delete from resource_names where rowid in ${ids}`.execute(trx);
        }
      },
    },
    search: {
      nameContains: (text) => sql`resources.name like ${`%${escapeLike(text)}%`} escape '\\'`,
      // The trigram index needs three characters; shorter substrings are matched by LIKE alone.
      nameIndexIds: (text) => trigrams.idsContaining(text),
      objectFieldIs: (field, value) =>
        sql<SqlBool>`(select json_extract(o.object, ${`$.${field}`}) from resource_objects o where o.id = resources.id) = ${value}`,
      labelTest: (requirement) => {
        // Keys are names with an optional DNS prefix: no quote or backslash to escape in the path.
        const value = sql`json_extract(resources.labels, ${`$."${requirement.key}"`})`;
        const present = sql<SqlBool>`json_type(resources.labels, ${`$."${requirement.key}"`}) is not null`;
        const values = sql.join(requirement.values);
        switch (requirement.operator) {
          case 'in':
            return sql<SqlBool>`${value} in (${values})`;
          case 'notin':
            return sql<SqlBool>`not coalesce(${value} in (${values}), 0)`;
          case 'exists':
            return present;
          case '!exists':
            return sql<SqlBool>`not (${present})`;
        }
      },
      mergeReadsWholeParts: true,
      decodeJson: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
      jsonText: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
    },
    async afterWrite(rows) {
      written += rows;
      checkpointApartWhenLarge();
      if (written >= 20_000) {
        written = 0;
        await optimize();
      }
    },
    async close() {
      await checkpoints.stop();
      await read.destroy();
      await write.destroy();
    },
    ...(options.now && { now: options.now }),
    ...(options.newId && { newId: options.newId }),
  });
}
