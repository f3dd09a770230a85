import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0014: chart repositories (HTTP index or OCI registry; the password sealed like a
 * cluster's credentials) and the chart versions their last good index listed. `latest` marks the
 * one row per (repository, chart) that the catalogue shows: its newest version that is not a
 * pre-release (the newest pre-release when there is nothing else), worked out in semver order when
 * the index is stored, so the search is a plain indexed read. Times are epoch milliseconds.
 */
export async function addChartRepositories(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('chart_repositories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('sealed_password', 'text')
    .addColumn('ca_pem', 'text')
    .addColumn('skip_tls_verify', 'integer', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    // OCI only: the charts under the registry path, as a JSON array.
    .addColumn('charts', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('problem', 'text')
    .addColumn('reason', 'text')
    .addColumn('last_refresh_at', 'bigint')
    .addColumn('last_good_at', 'bigint')
    // What the server said of the last good index, for a conditional GET next time.
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('chart_versions')
    .addColumn('repository_id', 'text', (c) =>
      c.notNull().references('chart_repositories.id').onDelete('cascade'),
    )
    .addColumn('chart', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('app_version', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    // ',a,b,' so that one keyword is a LIKE '%,a,%' away; `keywords_json` keeps them as given.
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('icon_url', 'text')
    .addColumn('created', 'bigint')
    .addColumn('digest', 'text')
    .addColumn('urls', 'text', (c) => c.notNull())
    .addColumn('deprecated', 'integer', (c) => c.notNull())
    .addColumn('kube_version', 'text')
    .addColumn('dependencies', 'text', (c) => c.notNull())
    .addColumn('prerelease', 'integer', (c) => c.notNull())
    .addColumn('latest', 'integer', (c) => c.notNull())
    // Newest first within a chart: the position in semver order, 0 for the newest.
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('chart_versions_pk', ['repository_id', 'chart', 'version'])
    .execute();
  await sql`create index chart_versions_latest_name on chart_versions (latest, chart)`.execute(db);
  await sql`create index chart_versions_latest_created on chart_versions (latest, created)`.execute(db);
}
