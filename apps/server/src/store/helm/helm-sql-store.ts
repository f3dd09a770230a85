import { randomUUID } from 'node:crypto';
import { type Expression, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import { escapeLike } from '../resources/search-plan.ts';
import { StoreError } from '../store.ts';
import type {
  ChartSearch,
  ChartVersionRow,
  HelmStore,
  RepositoryCounts,
  RepositoryRow,
  RepositorySettings,
  RepositoryState,
  StoredChartVersion,
} from './helm-store.ts';

/** The tables of migration 0014, as Kysely sees them. */
export type HelmDatabase = {
  chart_repositories: {
    id: string;
    name: string;
    type: string;
    url: string;
    username: string;
    sealed_password: string | null;
    ca_pem: string | null;
    skip_tls_verify: number;
    interval_seconds: number;
    charts: string;
    status: string;
    problem: string | null;
    reason: string | null;
    last_refresh_at: number | null;
    last_good_at: number | null;
    etag: string | null;
    last_modified: string | null;
    created_at: number;
    updated_at: number;
  };
  chart_versions: {
    repository_id: string;
    chart: string;
    version: string;
    app_version: string | null;
    description: string;
    keywords: string;
    category: string | null;
    icon_url: string | null;
    created: number | null;
    digest: string | null;
    urls: string;
    deprecated: number;
    kube_version: string | null;
    dependencies: string;
    prerelease: number;
    latest: number;
    rank: number;
  };
};

type RepositoryTable = Selectable<HelmDatabase['chart_repositories']>;
type VersionTable = Selectable<HelmDatabase['chart_versions']>;

const date = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
const ms = (value: Date | null | undefined) => (value ? value.getTime() : null);

function repositoryOf(row: RepositoryTable): RepositoryRow {
  return {
    id: row.id,
    name: row.name,
    type: row.type as RepositoryRow['type'],
    url: row.url,
    username: row.username,
    sealedPassword: row.sealed_password,
    caPem: row.ca_pem,
    skipTlsVerify: Boolean(row.skip_tls_verify),
    intervalSeconds: Number(row.interval_seconds),
    charts: JSON.parse(row.charts) as string[],
    status: row.status as RepositoryRow['status'],
    problem: row.problem,
    reason: row.reason,
    lastRefreshAt: date(row.last_refresh_at),
    lastGoodAt: date(row.last_good_at),
    etag: row.etag,
    lastModified: row.last_modified,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

function settingsColumns(settings: Partial<RepositorySettings>) {
  return {
    ...(settings.type !== undefined && { type: settings.type }),
    ...(settings.url !== undefined && { url: settings.url }),
    ...(settings.username !== undefined && { username: settings.username }),
    ...(settings.sealedPassword !== undefined && { sealed_password: settings.sealedPassword }),
    ...(settings.caPem !== undefined && { ca_pem: settings.caPem }),
    ...(settings.skipTlsVerify !== undefined && { skip_tls_verify: settings.skipTlsVerify ? 1 : 0 }),
    ...(settings.intervalSeconds !== undefined && { interval_seconds: settings.intervalSeconds }),
    ...(settings.charts !== undefined && { charts: JSON.stringify(settings.charts) }),
  };
}

function versionOf(row: VersionTable & { repository: string }): StoredChartVersion {
  return {
    repository: row.repository,
    chart: row.chart,
    version: row.version,
    appVersion: row.app_version,
    description: row.description,
    keywords: row.keywords.split(',').filter(Boolean),
    category: row.category,
    iconUrl: row.icon_url,
    created: date(row.created),
    digest: row.digest,
    urls: JSON.parse(row.urls) as string[],
    deprecated: Boolean(row.deprecated),
    kubeVersion: row.kube_version,
    dependencies: JSON.parse(row.dependencies) as Array<Record<string, unknown>>,
    prerelease: Boolean(row.prerelease),
    latest: Boolean(row.latest),
    rank: Number(row.rank),
  };
}

/** Keywords may not hold the separator: a comma inside one becomes a space. */
const keywordText = (keywords: string[]) =>
  keywords.length ? `,${keywords.map((k) => k.replaceAll(',', ' ').toLowerCase()).join(',')},` : '';

/** The helm tables over a Kysely handle of either dialect (both store JSON as text here). */
export function createSqlHelmStore(
  db: Kysely<HelmDatabase>,
  options: { now?: () => number; newId?: () => string } = {},
): HelmStore {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;

  const idOf = async (name: string): Promise<string> => {
    const row = await db
      .selectFrom('chart_repositories')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) throw new StoreError('not-found', `no chart repository "${name}"`);
    return row.id;
  };

  const versions = () =>
    db
      .selectFrom('chart_versions as v')
      .innerJoin('chart_repositories as r', 'r.id', 'v.repository_id')
      .selectAll('v')
      .select('r.name as repository');

  const store: HelmStore = {
    async createRepository(name, settings) {
      const at = now();
      const row = {
        id: newId(),
        name,
        type: settings.type,
        url: settings.url,
        username: settings.username,
        sealed_password: settings.sealedPassword,
        ca_pem: settings.caPem,
        skip_tls_verify: settings.skipTlsVerify ? 1 : 0,
        interval_seconds: settings.intervalSeconds,
        charts: JSON.stringify(settings.charts),
        status: 'new',
        problem: null,
        reason: null,
        last_refresh_at: null,
        last_good_at: null,
        etag: null,
        last_modified: null,
        created_at: at,
        updated_at: at,
      };
      try {
        await db.insertInto('chart_repositories').values(row).execute();
      } catch (error) {
        if (await store.getRepository(name))
          throw new StoreError(
            'conflict',
            `a chart repository named "${name}" exists already; pick another name`,
          );
        throw error;
      }
      return repositoryOf(row);
    },
    async getRepository(name) {
      const row = await db
        .selectFrom('chart_repositories')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row && repositoryOf(row);
    },
    async listRepositories() {
      const rows = await db.selectFrom('chart_repositories').selectAll().orderBy('name').execute();
      return rows.map(repositoryOf);
    },
    async updateRepository(name, settings) {
      const result = await db
        .updateTable('chart_repositories')
        .set({ ...settingsColumns(settings), updated_at: now() })
        .where('name', '=', name)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0)
        throw new StoreError('not-found', `no chart repository "${name}"`);
      return (await store.getRepository(name)) as RepositoryRow;
    },
    async setRepositoryState(name, state: Partial<RepositoryState>) {
      await db
        .updateTable('chart_repositories')
        .set({
          ...(state.status !== undefined && { status: state.status }),
          ...(state.problem !== undefined && { problem: state.problem }),
          ...(state.reason !== undefined && { reason: state.reason }),
          ...(state.lastRefreshAt !== undefined && { last_refresh_at: ms(state.lastRefreshAt) }),
          ...(state.lastGoodAt !== undefined && { last_good_at: ms(state.lastGoodAt) }),
          ...(state.etag !== undefined && { etag: state.etag }),
          ...(state.lastModified !== undefined && { last_modified: state.lastModified }),
        })
        .where('name', '=', name)
        .execute();
    },
    async deleteRepository(name) {
      const row = await db
        .selectFrom('chart_repositories')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirst();
      if (!row) return false;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('chart_versions').where('repository_id', '=', row.id).execute();
        await trx.deleteFrom('chart_repositories').where('id', '=', row.id).execute();
      });
      return true;
    },
    async replaceVersions(name, rows: ChartVersionRow[]) {
      const id = await idOf(name);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('chart_versions').where('repository_id', '=', id).execute();
        const values = rows.map((v) => ({
          repository_id: id,
          chart: v.chart,
          version: v.version,
          app_version: v.appVersion,
          description: v.description,
          keywords: keywordText(v.keywords),
          category: v.category,
          icon_url: v.iconUrl,
          created: ms(v.created),
          digest: v.digest,
          urls: JSON.stringify(v.urls),
          deprecated: v.deprecated ? 1 : 0,
          kube_version: v.kubeVersion,
          dependencies: JSON.stringify(v.dependencies),
          prerelease: v.prerelease ? 1 : 0,
          latest: v.latest ? 1 : 0,
          rank: v.rank,
        }));
        // 17 columns a row: 50 rows stay under SQLite's 999 bound parameters.
        for (let i = 0; i < values.length; i += 50)
          await trx
            .insertInto('chart_versions')
            .values(values.slice(i, i + 50))
            .execute();
      });
    },
    async counts() {
      const rows = await db
        .selectFrom('chart_versions as v')
        .innerJoin('chart_repositories as r', 'r.id', 'v.repository_id')
        .select((eb) => [
          'r.name as name',
          eb.fn.countAll<number>().as('versions'),
          eb.fn.sum<number>('v.latest').as('charts'),
        ])
        .groupBy('r.name')
        .execute();
      return new Map<string, RepositoryCounts>(
        rows.map((row) => [row.name, { charts: Number(row.charts), versions: Number(row.versions) }]),
      );
    },
    async search(query: ChartSearch) {
      const filters = (): Expression<SqlBool>[] => {
        const parts: Expression<SqlBool>[] = [sql<SqlBool>`v.latest = 1`];
        if (query.q) {
          const text = `%${escapeLike(query.q.toLowerCase())}%`;
          parts.push(
            sql<SqlBool>`(lower(v.chart) like ${text} escape '\\' or v.keywords like ${text} escape '\\')`,
          );
        }
        if (query.repository) parts.push(sql<SqlBool>`r.name = ${query.repository}`);
        if (query.keyword)
          parts.push(
            sql<SqlBool>`v.keywords like ${`%,${escapeLike(query.keyword.toLowerCase())},%`} escape '\\'`,
          );
        if (query.category) parts.push(sql<SqlBool>`v.category = ${query.category}`);
        return parts;
      };
      const conditions = sql<SqlBool>`${sql.join(filters(), sql` and `)}`;
      let page = versions().where(conditions);
      page =
        query.sort === 'newest'
          ? page
              .orderBy('v.created', (o) => o.desc().nullsLast())
              .orderBy('v.chart')
              .orderBy('r.name')
          : page.orderBy('v.chart').orderBy('r.name');
      const [rows, total] = await Promise.all([
        page.limit(query.limit).offset(query.offset).execute(),
        db
          .selectFrom('chart_versions as v')
          .innerJoin('chart_repositories as r', 'r.id', 'v.repository_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(conditions)
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(versionOf), total: Number(total.n) };
    },
    async categories() {
      const rows = await db
        .selectFrom('chart_versions')
        .select('category')
        .distinct()
        .where('latest', '=', 1)
        .where('category', 'is not', null)
        .orderBy('category')
        .execute();
      return rows.map((row) => row.category as string);
    },
    async versionsOf(repository, chart) {
      const rows = await versions()
        .where('r.name', '=', repository)
        .where('v.chart', '=', chart)
        .orderBy('v.rank')
        .execute();
      return rows.map(versionOf);
    },
    async version(repository, chart, version) {
      const row = await versions()
        .where('r.name', '=', repository)
        .where('v.chart', '=', chart)
        .where('v.version', '=', version)
        .executeTakeFirst();
      return row && versionOf(row);
    },
    async latestOf(charts) {
      if (charts.length === 0) return [];
      const rows = await versions().where('v.latest', '=', 1).where('v.chart', 'in', charts).execute();
      return rows.map(versionOf);
    },
  };
  return store;
}
