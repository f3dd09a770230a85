import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, type SqlBool, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations/migrate.ts';
import { NameTrigrams } from './resources/name-trigrams.ts';
import { PendingListMerger } from './resources/pending-lists.ts';
import { copyRunner } from './resources/postgres-copy.ts';
import { postgresLabelIndexTest, postgresLabelTest } from './resources/postgres-labels.ts';
import { postgresRowWrites } from './resources/postgres-row-writes.ts';
import { escapeLike } from './resources/search-plan.ts';
import type { Database } from './schema.ts';
import { createSqlStore } from './sql-store.ts';
import type { Store } from './store.ts';

export interface PostgresStoreOptions {
  /** postgresql://user:password@host:port/database */
  url: string;
  /** Schemas to use, e.g. one per test; default is the server's search_path. */
  searchPath?: string;
  poolSize?: number;
  now?: () => number;
  newId?: () => string;
}

const INT8 = 20;

/**
 * Settings of every connection, for a server whose queries each read a page (milliseconds), never a
 * report. Parallel workers: at a million rows PostgreSQL plans a page that filters many index
 * entries (several namespaces with a label selector) as a Gather Merge of two workers; starting them
 * made the same page 30–70 ms where one process took 11 (measured on 2 cores at a million pods, where
 * the workers also take the cores other requests need). JIT: a plan estimated above jit_above_cost
 * compiles code before it runs, tens of milliseconds that a page of 100 rows never earns back (none of
 * the pages logged at a million pods was estimated that high: their LIMIT keeps the cost low).
 */
const SESSION_SETTINGS = 'set max_parallel_workers_per_gather = 0; set jit = off';

/**
 * Gives every connection of the pool SESSION_SETTINGS, queued before the first query it runs (set
 * on connect rather than as startup options, which a URL's own `options` would replace).
 */
export function applySessionSettings(pool: pg.Pool, more = ''): void {
  pool.on('connect', (client) => {
    // A refusal here would also refuse the query after it, which reports it.
    client.query(`${SESSION_SETTINGS}${more}`).catch(() => undefined);
  });
}

/**
 * The connections merged searches run on (runPlanned) plan each statement once, generically, and keep
 * that plan: the default plans the first five runs of a statement for their values, on each connection
 * anew, and planning costs more than running (a merge of 20 parts: 2–4 ms against 0.5–1; of 50 parts,
 * 8–18 ms against 2–3). A part's plan does not depend on its values: an index
 * range of one (type, cluster, namespace) in the sort's order. Other queries keep the default, on the
 * main pool.
 */
const PLANNED_SETTINGS = '; set plan_cache_mode = force_generic_plan';
const PLANNED_POOL_SIZE = 4;

/** Statements a connection keeps planned (runPlanned) before it is closed and its plans with it. */
const PLANNED_PER_CONNECTION = 32;
const plannedNames = new WeakMap<pg.PoolClient, Set<string>>();
/** Pools whose sessions cannot keep a prepared statement (see runPlanned). */
const unnamedOnly = new WeakSet<pg.Pool>();

/**
 * Runs a query as a named prepared statement of the connection that runs it: after five runs
 * PostgreSQL keeps one plan for it (a merged search of 20 parts: planning 2–4 ms, running 0.5–1 ms,
 * measured at a million pods). A connection keeps at most PLANNED_PER_CONNECTION of them (a kept
 * plan of 20 parts holds about 1 MB of the server's memory); one that would keep more is closed after
 * the query, and the pool opens a new one when it needs it; so is one whose statement failed (a plan
 * that a schema change made stale fails once, then is prepared afresh). Named statements need a
 * session of their own: behind PgBouncer, its session pooling, or transaction pooling from 1.21 with
 * max_prepared_statements set; where they are lost, the pool runs them unnamed instead.
 */
export async function runPlanned(
  pool: pg.Pool,
  query: { sql: string; parameters: readonly unknown[] },
): Promise<unknown[]> {
  const values = [...query.parameters];
  if (unnamedOnly.has(pool)) return (await pool.query(query.sql, values)).rows;
  const name = `portolan_${createHash('sha1').update(query.sql).digest('hex').slice(0, 24)}`;
  const client = await pool.connect();
  let names = plannedNames.get(client);
  if (!names) {
    names = new Set();
    plannedNames.set(client, names);
  }
  names.add(name);
  let failed = false;
  try {
    return (await client.query({ name, text: query.sql, values })).rows;
  } catch (error) {
    failed = true;
    // A pooler that hands each statement to another session loses the prepared one (26000): this
    // pool's queries go unnamed from now on, as every other query does.
    if ((error as { code?: string }).code !== '26000') throw error;
    unnamedOnly.add(pool);
  } finally {
    client.release(failed || names.size > PLANNED_PER_CONNECTION);
  }
  return (await pool.query(query.sql, values)).rows;
}

/**
 * Makes a pooled client's promise-returning `query(text, values)` (as Kysely and this store call it) go
 * through pg's callback form, wrapped in a promise here. With the promise pg makes itself, finished
 * queries' rows stayed alive through V8's young-generation collections until a full one: 6,000 queries
 * of 100 rows kept about 18 MB at each of their 35 young collections, which paused 10 ms each; through
 * the callback, 43 KB and 0.3 ms over 150 (bench/young-collections.bench.ts). The difference is in
 * how pg 8.23 makes its promise: it sets `query.callback` on the Query after making it. A copy of pg
 * that passes the callback to the Query's constructor instead kept 75 KB a collection (tried, not
 * kept); why V8 keeps more when the field is set afterwards was not found. Under searches, those
 * pauses were most of the server's slow answers.
 * Submittable queries (COPY streams) and calls with a callback go to pg as they are.
 */
export function queryThroughCallbacks(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const wrapped = (config: unknown, values?: unknown, callback?: unknown): unknown => {
    const submittable = typeof (config as { submit?: unknown } | null)?.submit === 'function';
    if (callback !== undefined || typeof values === 'function' || submittable)
      return query(config, values, callback);
    return new Promise((resolve, reject) =>
      query(config, values, (error: Error | null, result: unknown) =>
        error ? reject(error) : resolve(result),
      ),
    ).catch((error: Error) => {
      // As pg does: the stack leads back to the caller, not to the socket's read.
      Error.captureStackTrace(error);
      throw error;
    });
  };
  client.query = wrapped as typeof client.query;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

/** A pool of connections as the PostgreSQL store opens it. */
export function openPool(options: PostgresStoreOptions, max: number, settings = ''): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max,
    // Idle connections stay open (pg's pool closes them after 10 s): a search after a quiet spell
    // otherwise opens new ones, their password exchange and a backend's cold catalog caches included,
    // 25 ms more than on a connection in use, and the plans kept on them (runPlanned) are made again.
    idleTimeoutMillis: 0,
    // They do not keep the process alive, though: it ends when nothing else is left to do.
    allowExitOnIdle: true,
    ...(options.searchPath && { options: `-c search_path=${options.searchPath}` }),
    // Ids, times and counts are bigint; they fit in a double, and numbers keep one code path with SQLite.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as never,
    },
  });
  // An idle connection the server ends (a restart, a failover, the database dropped) is an error event
  // on the pool; unheard, it would end the process. The pool drops that connection and opens another
  // for the next query, whose own failure, if any, reaches its caller.
  pool.on('error', () => undefined);
  pool.on('connect', queryThroughCallbacks);
  applySessionSettings(pool, settings);
  return pool;
}

/** The store on PostgreSQL, for scale and for several server replicas. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = openPool(options, options.poolSize ?? 10);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new Error(
      `store: cannot connect to PostgreSQL at ${redactUrl(options.url)}: ${(error as Error).message}. ` +
        'Check the database URL, that the server runs and accepts connections from this host.',
      { cause: error },
    );
  }
  try {
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const { rows: trigramIndex } = await sql`
    select 1 from pg_indexes where schemaname = current_schema() and indexname = 'resources_name_trigrams'`.execute(
    db,
  );
  const contains = (text: string) => `%${escapeLike(text)}%`;
  const trigrams = new NameTrigrams(db, options.now);
  const planned = openPool(options, PLANNED_POOL_SIZE, PLANNED_SETTINGS);
  const pendingLists = new PendingListMerger(db);
  return createSqlStore({
    write: db,
    read: db,
    lockLeases: true,
    // The pg_trgm GIN index (when the extension exists) is kept by PostgreSQL itself.
    names: { add: async () => {}, remove: async () => {} },
    // A first sync's new rows go by COPY on the transaction's own connection (postgres-copy.ts).
    rows: postgresRowWrites(copyRunner(pool)),
    search: {
      // Tested on the rows a page reads, never through the trigram index: the whole substring's
      // trigrams include ones nearly every name has (`app`), whose index entries took about 10 ms to
      // read at a million pods, and PostgreSQL took that index even when the few hundred rows that the
      // rare part finds (nameRows, below) already held the page.
      nameContains: (text) => sql`(resources.name || '') ilike ${contains(text)}`,
      // Trigrams need three characters; without the index a probe would scan every row. The index
      // is asked for the substring's rare part: pg_trgm reads the entries of every trigram it is given,
      // and those of `app-` are in nearly every name (the query keeps its filter on the whole text).
      nameRows: async (text) => {
        if (trigramIndex.length === 0 || [...text].length < 3) return undefined;
        const part = await trigrams.rarestPart(text);
        // The rows the rare part finds are read to recheck their trigrams anyway: testing the whole
        // substring there too keeps them few where the part alone is common (at ten million names
        // `123-` is in tens of thousands, `app-123-` in a thousand), so they still drive the page.
        if (part === undefined) return undefined;
        return part === text
          ? sql`select * from resources where name ilike ${contains(part)}`
          : sql`select * from resources where name ilike ${contains(part)} and (name || '') ilike ${contains(text)}`;
      },
      objectFieldIs: (field, value) =>
        sql<SqlBool>`(select o.object::jsonb ->> ${field} from resource_objects o where o.id = resources.id) = ${value}`,
      // Labels on the rows (migration 0024): tested on rows read, probed through the GIN index.
      labelTest: postgresLabelTest,
      labelIndexTest: postgresLabelIndexTest,
      // Planning each part's index costs a few tenths of a millisecond: 50 parts (10 namespaces of 5
      // clusters) took longer than one index range over them all, 20 (a Viewer's grants) less.
      maxMergedParts: 24,
      readsAtOnce: true,
      runPlanned: (query) => runPlanned(planned, query),
      decodeJson: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
      jsonText: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
    },
    // The GIN indexes' pending lists are merged once writes pause (pending-lists.ts).
    afterWrite: async () => pendingLists.wrote(),
    close: async () => {
      await pendingLists.stop();
      await Promise.all([db.destroy(), planned.end()]);
    },
    ...(options.now && { now: options.now }),
    ...(options.newId && { newId: options.newId }),
  });
}
