import type {
  ClusterFreshness,
  NewerChartVersion,
  StoredRelease,
  StoredReleaseList,
  StoredRevision,
  StoredRevisionList,
} from '@portolan/api';
import type { VisibleScopes } from '#server/iam/authorize.ts';
import { freshnessOf, resolveClusters, SearchError, withinOf } from '#server/search/search-service.ts';
import type { LabelRequirement } from '#server/store/resources/labels.ts';
import type { Cluster, SearchQuery, Store, StoredResource } from '#server/store/store.ts';
import { isNewerVersion } from './release-list-versions.ts';
import { type ReleaseMetadata, storedReleaseMetadata } from './release-secret.ts';

/**
 * The newest version of each chart name that is not a pre-release, with its repository, from the
 * chart catalogue; charts it does not know are absent from the map.
 */
export type LatestVersions = (charts: string[]) => Promise<Map<string, NewerChartVersion>>;

export type ReleaseSort = 'name' | 'namespace' | 'cluster' | 'updated' | 'status' | 'chart';

export interface ReleaseListParams {
  clusters?: string[];
  namespaces?: string[];
  q?: string;
  statuses?: string[];
  charts?: string[];
  outdated?: boolean;
  sort?: ReleaseSort;
  order?: 'asc' | 'desc';
  limit?: number;
  continue?: string;
}

const SECRETS = [{ group: '', resource: 'secrets' }];
const OWNED_BY_HELM: LabelRequirement = { key: 'owner', operator: 'in', values: ['helm'] };
const PAGE = 1000;

/** Every stored release Secret the query selects, read a store page at a time. */
async function readReleaseSecrets(store: Store, query: SearchQuery): Promise<StoredResource[]> {
  const rows: StoredResource[] = [];
  let next: string | undefined;
  do {
    const page = await store.resources.search({ ...query, limit: PAGE, ...(next ? { continue: next } : {}) });
    rows.push(...page.items);
    next = page.continue;
  } while (next);
  return rows;
}

interface Revision extends ReleaseMetadata {
  clusterId: string;
  updated: string | null;
}

function revisionOf(row: StoredResource): Revision | undefined {
  const metadata = storedReleaseMetadata(row.object);
  if (!metadata) return undefined;
  return {
    ...metadata,
    // The Secret's own namespace counts: the payload's could say anything.
    namespace: row.namespace,
    clusterId: row.clusterId,
    updated: metadata.lastDeployed ?? row.createdAt?.toISOString() ?? null,
  };
}

const revisionFields = (revision: Revision): StoredRevision => ({
  revision: revision.revision,
  status: revision.status,
  chart: revision.chart,
  chartVersion: revision.chartVersion,
  appVersion: revision.appVersion,
  description: revision.description,
  updated: revision.updated,
  decodeError: revision.decodeError ?? null,
});

/** The newest revision of each release (cluster, namespace, name). */
function newestRevisions(rows: StoredResource[]): Revision[] {
  const newest = new Map<string, Revision>();
  for (const row of rows) {
    const revision = revisionOf(row);
    if (!revision) continue;
    const key = `${revision.clusterId}\u0000${revision.namespace}\u0000${revision.name}`;
    const kept = newest.get(key);
    if (!kept || kept.revision < revision.revision) newest.set(key, revision);
  }
  return [...newest.values()];
}

function matches(revision: Revision, params: ReleaseListParams): boolean {
  if (params.statuses?.length && !params.statuses.includes(revision.status)) return false;
  if (params.charts?.length && !params.charts.includes(revision.chart)) return false;
  if (params.q) {
    const q = params.q.toLowerCase();
    if (![revision.name, revision.namespace, revision.chart].some((text) => text.toLowerCase().includes(q)))
      return false;
  }
  return true;
}

/** The catalogue's newest versions of these charts; a catalogue that fails leaves the list without them. */
async function latestOf(
  latest: LatestVersions | undefined,
  charts: string[],
): Promise<Map<string, NewerChartVersion> | undefined> {
  if (!latest) return undefined;
  try {
    return await latest(charts);
  } catch {
    return undefined;
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function comparer(sort: ReleaseSort): (a: StoredRelease, b: StoredRelease) => number {
  const key: Record<ReleaseSort, (item: StoredRelease) => string> = {
    name: (item) => item.name,
    namespace: (item) => item.namespace,
    cluster: (item) => item.cluster,
    // ISO times sort as text; a release helm wrote no time for sorts first.
    updated: (item) => item.updated ?? '',
    status: (item) => item.status,
    chart: (item) => item.chart,
  };
  const first = key[sort];
  // Ties break on where the release is, so pages never overlap.
  return (a, b) =>
    byText(first(a), first(b)) ||
    byText(a.name, b.name) ||
    byText(a.cluster, b.cluster) ||
    byText(a.namespace, b.namespace);
}

/** A page's place in the sorted list; opaque to callers. */
const continueToken = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64url');

function offsetOf(token: string | undefined): number {
  if (!token) return 0;
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64url').toString()) as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Answered below.
  }
  throw new SearchError(
    'continue',
    'not a continue token this list gave; leave it out to start from the first page',
  );
}

/**
 * Release metadata is shown wherever the caller may read resources: it is what the Secret's labels
 * and the release's own objects already tell (chart, version, status), never its values, so a role
 * that may not list Secrets still sees its namespaces' releases.
 */
function withoutSecretsRule(visible: VisibleScopes): VisibleScopes {
  const { secrets: _secrets, ...rest } = visible;
  return rest;
}

/**
 * One row per release (its newest revision) on every cluster and namespace the caller may read,
 * from the stored release Secrets, with "newer version available" from the catalogue. Filtered,
 * sorted and paged here: the releases of even hundreds of clusters are a few thousand rows.
 */
export async function listReleases(
  store: Store,
  visible: VisibleScopes,
  params: ReleaseListParams,
  latest?: LatestVersions,
): Promise<StoredReleaseList> {
  const offset = offsetOf(params.continue);
  const seen = withoutSecretsRule(visible);
  const clusters = await resolveClusters(store, params.clusters, undefined, seen);
  const freshness = await freshnessOf(store, clusters, SECRETS);
  const rows = clusters.length
    ? await readReleaseSecrets(store, {
        clusterIds: clusters.map((cluster) => cluster.id),
        types: SECRETS,
        labelSelector: [OWNED_BY_HELM],
        ...(params.namespaces?.length ? { namespaces: params.namespaces } : {}),
        ...withinQuery(seen, clusters),
        objects: 'decoded',
      })
    : [];
  const names = new Map(clusters.map((cluster) => [cluster.id, cluster.name]));
  const releases = newestRevisions(rows).filter((revision) => matches(revision, params));
  const newest = await latestOf(
    latest,
    [...new Set(releases.map((release) => release.chart))].filter(Boolean),
  );
  let items = releases.map((revision): StoredRelease => {
    const candidate = newest?.get(revision.chart);
    return {
      cluster: names.get(revision.clusterId) ?? revision.clusterId,
      namespace: revision.namespace,
      name: revision.name,
      ...revisionFields(revision),
      icon: revision.icon,
      firstDeployed: revision.firstDeployed,
      catalogueVersion: candidate ? { version: candidate.version, repository: candidate.repository } : null,
      newerVersion:
        candidate && isNewerVersion(candidate.version, revision.chartVersion)
          ? { version: candidate.version, repository: candidate.repository }
          : null,
    };
  });
  if (params.outdated) items = items.filter((item) => item.newerVersion);
  items.sort(comparer(params.sort ?? 'name'));
  if (params.order === 'desc') items.reverse();
  const limit = params.limit ?? 100;
  const page = items.slice(offset, offset + limit);
  return {
    items: page,
    total: items.length,
    ...(offset + limit < items.length ? { continue: continueToken(offset + limit) } : {}),
    clusters: freshness,
    catalogue: newest ? 'checked' : 'unavailable',
  };
}

function withinQuery(visible: VisibleScopes, clusters: Cluster[]): Pick<SearchQuery, 'within'> {
  const within = withinOf(visible, clusters);
  return within ? { within } : {};
}

/**
 * Every stored revision of one release, newest first, with whether the cluster's Secrets are
 * current: the history stays readable while the cluster is offline. The route has checked that the
 * caller may read the namespace.
 */
export async function listRevisions(
  store: Store,
  cluster: Cluster,
  namespace: string,
  name: string,
): Promise<StoredRevisionList> {
  const rows = await readReleaseSecrets(store, {
    clusterIds: [cluster.id],
    types: SECRETS,
    namespaces: [namespace],
    labelSelector: [OWNED_BY_HELM, { key: 'name', operator: 'in', values: [name] }],
    objects: 'decoded',
  });
  const revisions = rows
    .map(revisionOf)
    .filter((revision): revision is Revision => revision?.name === name)
    .sort((a, b) => b.revision - a.revision);
  const [freshness] = await freshnessOf(store, [cluster], SECRETS);
  return { items: revisions.map(revisionFields), cluster: freshness as ClusterFreshness };
}
