import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ChartDetail, ChartList, ChartSearchQuery, ChartSummary, ChartVersionList } from '@portolan/api';
import type { HelmStore, StoredChartVersion } from '#server/store/helm/helm-store.ts';
import { CatalogueError } from './catalogue-errors.ts';
import { createIconFetcher } from './catalogue-icons.ts';
import { compareVersions } from './chart-index.ts';
import {
  type ChartCache,
  type ChartPackageFiles,
  dependenciesOf,
  digestHex,
  readChartPackage,
  sha256Hex,
} from './chart-package.ts';
import { type ChartRef, type ChartSource, ChartSourceError, type FetchedChart } from './chart-source.ts';
import { createOciClient } from './oci-registry.ts';
import type { Repositories } from './repositories.ts';
import {
  getFromRepository,
  type RepositoryAccess,
  RepositoryError,
  statusProblem,
} from './repository-http.ts';

const PACKAGE_MAX_BYTES = 20 * 1024 * 1024;

export interface CatalogueDeps {
  store: HelmStore;
  repositories: Pick<Repositories, 'accessOf'>;
  cache: ChartCache;
}

/** A chart version as answers show it: its icon only as a flag (the icon comes through Portolan). */
export function chartSummaryOf(v: StoredChartVersion): ChartSummary {
  return {
    repository: v.repository,
    chart: v.chart,
    version: v.version,
    appVersion: v.appVersion,
    description: v.description,
    keywords: v.keywords,
    category: v.category,
    hasIcon: v.iconUrl !== null,
    created: v.created ? v.created.toISOString() : null,
    digest: v.digest,
    deprecated: v.deprecated,
    kubeVersion: v.kubeVersion,
    prerelease: v.prerelease,
  };
}

const offsetOf = (token: string | undefined): number => {
  if (!token) return 0;
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^o:/, ''));
  if (!Number.isInteger(offset) || offset < 0)
    throw new CatalogueError(
      400,
      'invalid-query',
      'this continue token was not made by this server; start from the first page',
      'continue',
    );
  return offset;
};
const tokenOf = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

/** Newest first in semver order, the same chart found in several repositories. */
const newest = (a: StoredChartVersion, b: StoredChartVersion) => compareVersions(b.version, a.version);

/**
 * The newest version that is not a pre-release of each named chart, across every repository, with
 * the repository holding it. The releases list calls this for "newer version available".
 */
export async function latestVersions(
  store: Pick<HelmStore, 'latestOf'>,
  charts: string[],
): Promise<Map<string, { version: string; repository: string }>> {
  const rows = (await store.latestOf([...new Set(charts)])).filter((row) => !row.prerelease).sort(newest);
  const found = new Map<string, { version: string; repository: string }>();
  for (const row of rows)
    if (!found.has(row.chart)) found.set(row.chart, { version: row.version, repository: row.repository });
  return found;
}

/** The catalogue: search, versions, what a version's package holds, icons, and packaged charts for Helm. */
export function createCatalogue(deps: CatalogueDeps) {
  const { store } = deps;
  const parsed = new Map<string, ChartPackageFiles>();
  const icons = createIconFetcher();

  const versionOrFail = async (repository: string, chart: string, version: string) => {
    const found = await store.version(repository, chart, version);
    if (!found)
      throw new CatalogueError(
        404,
        'not-found',
        `repository "${repository}" has no chart "${chart}" version "${version}" (GET /api/v1/helm/charts/${repository}/${chart} lists its versions)`,
      );
    return found;
  };

  /** Same host: the repository's credentials and CA; elsewhere (a CDN, a project site): neither. */
  const accessFor = (target: URL, repositoryUrl: string, access: RepositoryAccess): RepositoryAccess => {
    const base = new URL(repositoryUrl.replace(/^oci:/, 'https:'));
    return target.host === base.host ? access : {};
  };

  /** The packaged chart, from the cache or the repository, checked against the digest the index gave. */
  async function packageOf(version: StoredChartVersion, signal?: AbortSignal): Promise<Buffer> {
    if (version.digest) {
      const cached = await deps.cache.get(version.digest);
      if (cached) return cached;
    }
    const { row, access } = await deps.repositories.accessOf(version.repository);
    let data: Buffer;
    try {
      if (row.type === 'oci') {
        if (!version.digest)
          throw new RepositoryError('bad-answer', 'the registry gave no digest for this chart');
        data = await createOciClient(row.url, access).blob(
          version.chart,
          version.digest,
          PACKAGE_MAX_BYTES,
          signal,
        );
      } else {
        const first = version.urls[0];
        if (!first)
          throw new RepositoryError(
            'bad-index',
            `the index lists no URL for ${version.chart} ${version.version}`,
          );
        const target = new URL(first, `${row.url}/`);
        const answer = await getFromRepository({
          url: target.toString(),
          access: accessFor(target, row.url, access),
          maxBytes: PACKAGE_MAX_BYTES,
          ...(signal ? { signal } : {}),
        });
        if (answer.status !== 200) throw statusProblem(answer.status, target);
        data = answer.body;
      }
    } catch (error) {
      if (error instanceof RepositoryError)
        throw ChartSourceError.coded(502, 'chart-fetch-failed', {
          chart: version.chart,
          version: version.version,
          repository: version.repository,
          detail: error.message,
        });
      throw error;
    }
    if (version.digest) {
      if (sha256Hex(data) !== digestHex(version.digest))
        throw ChartSourceError.coded(502, 'chart-digest-mismatch', {
          chart: version.chart,
          version: version.version,
          repository: version.repository,
        });
      await deps.cache.put(version.digest, data);
    }
    return data;
  }

  async function filesOf(version: StoredChartVersion): Promise<ChartPackageFiles> {
    const key = version.digest ?? `${version.repository}/${version.chart}/${version.version}`;
    const known = parsed.get(key);
    if (known) return known;
    const data = await packageOf(version);
    let files: ChartPackageFiles;
    try {
      files = await readChartPackage(data);
    } catch (error) {
      throw new CatalogueError(
        502,
        'bad-chart',
        `${version.chart} ${version.version}: ${(error as Error).message}`,
      );
    }
    parsed.set(key, files);
    // A small memory of parsed packages; the cache on disk holds the rest.
    if (parsed.size > 64) parsed.delete(parsed.keys().next().value as string);
    return files;
  }

  const chartSource: ChartSource = {
    async fetch(ref: ChartRef, signal?: AbortSignal): Promise<FetchedChart> {
      let version: StoredChartVersion | undefined;
      if (ref.version) version = await store.version(ref.repository, ref.chart, ref.version);
      else version = (await store.versionsOf(ref.repository, ref.chart)).find((v) => v.latest);
      if (!version) {
        const repository = await store.getRepository(ref.repository);
        const { repository: name, chart, version: wanted } = ref;
        throw !repository
          ? ChartSourceError.coded(404, 'no-repository', { repository: name })
          : wanted
            ? ChartSourceError.coded(404, 'no-chart-version', { repository: name, chart, version: wanted })
            : ChartSourceError.coded(404, 'no-chart', { repository: name, chart });
      }
      const data = await packageOf(version, signal);
      const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-chart-'));
      await chmod(dir, 0o700);
      const file = path.join(dir, `${version.chart}-${version.version}.tgz`);
      await writeFile(file, data, { mode: 0o600 });
      return {
        file,
        chart: version.chart,
        version: version.version,
        ...(version.digest ? { digest: version.digest } : {}),
        release: () => rm(dir, { recursive: true, force: true }),
      };
    },
  };

  return {
    chartSource,
    latestVersions: (charts: string[]) => latestVersions(store, charts),
    async search(query: ChartSearchQuery): Promise<ChartList> {
      const offset = offsetOf(query.continue);
      const limit = query.limit ?? 50;
      const [page, repositories, categories] = await Promise.all([
        store.search({
          ...(query.q ? { q: query.q } : {}),
          ...(query.repository ? { repository: query.repository } : {}),
          ...(query.keyword ? { keyword: query.keyword } : {}),
          ...(query.category ? { category: query.category } : {}),
          sort: query.sort ?? 'name',
          limit,
          offset,
        }),
        store.listRepositories(),
        store.categories(),
      ]);
      const next = offset + page.items.length;
      return {
        items: page.items.map(chartSummaryOf),
        total: page.total,
        ...(next < page.total && page.items.length > 0 ? { continue: tokenOf(next) } : {}),
        repositories: repositories.map((r) => ({
          name: r.name,
          status: r.status,
          reason: r.reason,
          lastGoodAt: r.lastGoodAt ? r.lastGoodAt.toISOString() : null,
        })),
        categories,
      };
    },
    async versions(repository: string, chart: string): Promise<ChartVersionList> {
      const items = await store.versionsOf(repository, chart);
      if (items.length === 0)
        throw new CatalogueError(
          404,
          'not-found',
          `repository "${repository}" has no chart "${chart}" (search with GET /api/v1/helm/charts?q=${chart})`,
        );
      return { items: items.map(chartSummaryOf) };
    },
    async detail(repository: string, chart: string, version: string): Promise<ChartDetail> {
      const found = await versionOrFail(repository, chart, version);
      const files = await filesOf(found).catch((error: unknown) => {
        if (error instanceof ChartSourceError) throw new CatalogueError(502, 'unreachable', error.message);
        throw error;
      });
      const fromIndex = found.dependencies;
      return {
        ...chartSummaryOf(found),
        readme: files.readme,
        values: files.values,
        valuesSchema: files.valuesSchema,
        chartYaml: files.chartYaml,
        dependencies: (fromIndex.length > 0
          ? fromIndex
          : dependenciesOf(files.chartYaml)) as ChartDetail['dependencies'],
      };
    },
    /** The version's icon, fetched by the server and kept; a 404 when it has none or it is unusable. */
    async icon(repository: string, chart: string, version: string) {
      const found = await versionOrFail(repository, chart, version);
      if (!found.iconUrl) throw new CatalogueError(404, 'not-found', `${chart} ${version} has no icon`);
      const { row, access } = await deps.repositories.accessOf(repository);
      // On the repository's own host (which an Admin chose) the icon is fetched as the charts are;
      // anywhere else only from public addresses.
      const base = new URL(row.url.replace(/^oci:/, 'https:'));
      const icon = await icons.get(found.iconUrl, (target) =>
        target.host === base.host ? access : undefined,
      );
      if (!icon)
        throw new CatalogueError(
          404,
          'not-found',
          `the icon of ${chart} ${version} could not be fetched or is not an image`,
        );
      return icon;
    },
  };
}

export type Catalogue = ReturnType<typeof createCatalogue>;
