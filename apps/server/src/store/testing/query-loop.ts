/**
 * A child process for young-collections.ts: runs `--queries` queries of 100 rows, shaped like a search
 * page's, through Kysely on a pg pool, and exits. `--plain`: a bare pg.Pool; otherwise the pool as
 * the PostgreSQL store opens it (openPool). Needs no table.
 */
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openPool } from '../postgres-store.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    queries: { type: 'string', default: '3000' },
    plain: { type: 'boolean', default: false },
  },
});
const url = values.url ?? '';
const pool = values.plain ? new pg.Pool({ connectionString: url, max: 4 }) : openPool({ url }, 4);
const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
for (let i = 0; i < Number(values.queries); i++) {
  await sql`select g as id, 'cluster-' || (g % 5) as cluster_id, 1 as type_id, 'ns-' || (g % 7) as namespace,
      'app-' || md5((g + ${i})::text) as name, md5(g::text) as uid, (g + ${i})::text as resource_version,
      jsonb_build_object('app', 'app-' || g, 'tier', 'front', 'team', 'team-' || (g % 3)) as labels,
      null as owner_uid, 'node-' || (g % 10) as node_name, 'Running' as phase, now() as created_at
    from generate_series(1, 100) g`.execute(db);
}
await db.destroy();
