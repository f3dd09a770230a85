import { createHash } from 'node:crypto';
import {
  CLUSTER_SORTS,
  CLUSTER_STATUSES,
  type ClusterListQuery,
  type ClusterSort,
  type ClusterStatus,
} from '@portolan/api';
import {
  type LabelRequirement,
  LabelSelectorError,
  matchesLabels,
  parseLabelSelector,
} from '#server/store/resources/labels.ts';
import { clusterError } from './cluster-errors.ts';

/** GET /api/v1/clusters's query as a caller writes it (statuses comma-separated). */
export type ClusterListParams = ClusterListQuery;

/** The fields of a cluster the list filters and sorts on (a ClusterView has them all). */
export interface ListedCluster {
  name: string;
  displayName: string;
  labels: Record<string, string>;
  status: ClusterStatus;
  version: string | null;
  nodeCount: number | null;
  createdAt: Date | string;
}

export interface ClusterPage<T> {
  items: T[];
  /** How many clusters match the filters, over every page. */
  total: number;
  /** Ask again with this to get the next page; null on the last. */
  continue: string | null;
}

interface Filter {
  selector: LabelRequirement[];
  statuses: ClusterStatus[];
  q: string;
  sort: ClusterSort;
  order: 'asc' | 'desc';
}

/** Problems first when sorted by status ascending: they are what a person looks for. */
const STATUS_RANK: Record<ClusterStatus, number> = { Offline: 0, Unknown: 1, Ready: 2 };
// Versions compare by their numbers (v1.9 before v1.10).
const collator = new Intl.Collator('en', { numeric: true });

type Key = string | number | null;

function sortKey(cluster: ListedCluster, sort: ClusterSort): Key {
  switch (sort) {
    case 'name':
      return cluster.name;
    case 'status':
      return STATUS_RANK[cluster.status];
    case 'version':
      return cluster.version;
    case 'nodes':
      return cluster.nodeCount;
    case 'created':
      return new Date(cluster.createdAt).toISOString();
  }
}

/** One order for both directions' rows and tokens: nulls last either way, then by name. */
function compare(a: [Key, string], b: [Key, string], order: 'asc' | 'desc'): number {
  const [keyA, nameA] = a;
  const [keyB, nameB] = b;
  if (keyA !== keyB) {
    if (keyA === null) return 1;
    if (keyB === null) return -1;
    const by =
      typeof keyA === 'number' && typeof keyB === 'number'
        ? keyA - keyB
        : collator.compare(String(keyA), String(keyB));
    if (by !== 0) return order === 'desc' ? -by : by;
  }
  return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
}

/** Reads and checks the query; a bad value is a 400 naming its parameter and what it takes. */
function readFilter(params: ClusterListParams): Filter {
  let selector: LabelRequirement[] = [];
  if (params.labelSelector?.trim()) {
    try {
      selector = parseLabelSelector(params.labelSelector);
    } catch (error) {
      if (!(error instanceof LabelSelectorError)) throw error;
      throw clusterError('invalid', error.message, { field: 'labelSelector' });
    }
  }
  const statuses: ClusterStatus[] = [];
  for (const word of (params.status ?? '').split(',')) {
    const wanted = word.trim().toLowerCase();
    if (!wanted) continue;
    const status = CLUSTER_STATUSES.find((known) => known.toLowerCase() === wanted);
    if (!status) {
      throw clusterError(
        'invalid',
        `status "${word.trim()}" is not a cluster status; use one or more of ${CLUSTER_STATUSES.join(', ')}, comma-separated`,
        { field: 'status' },
      );
    }
    if (!statuses.includes(status)) statuses.push(status);
  }
  const sort = params.sort ?? 'name';
  if (!CLUSTER_SORTS.includes(sort)) {
    throw clusterError('invalid', `sort "${sort}" is not one of ${CLUSTER_SORTS.join(', ')}`, {
      field: 'sort',
    });
  }
  return { selector, statuses, q: (params.q ?? '').trim().toLowerCase(), sort, order: params.order ?? 'asc' };
}

/** Tokens are bound to the filters and sort they were issued for, so one is not replayed on another. */
function fingerprint(params: ClusterListParams, filter: Filter): string {
  const basis = [params.labelSelector ?? '', filter.statuses.join(','), filter.q, filter.sort, filter.order];
  return createHash('sha256').update(JSON.stringify(basis)).digest('base64url').slice(0, 16);
}

function encodeToken(print: string, last: [Key, string]): string {
  return Buffer.from(JSON.stringify({ v: 1, f: print, k: last })).toString('base64url');
}

function decodeToken(print: string, token: string): [Key, string] {
  const refuse = (message: string) => clusterError('invalid', message, { field: 'continue' });
  let body: { v?: unknown; f?: unknown; k?: unknown };
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw refuse('continue token is not one this server issued; repeat the query without it');
  }
  const key = body.k;
  if (
    body.v !== 1 ||
    !Array.isArray(key) ||
    key.length !== 2 ||
    (!['string', 'number'].includes(typeof key[0]) && key[0] !== null) ||
    typeof key[1] !== 'string'
  ) {
    throw refuse('continue token is not one this server issued; repeat the query without it');
  }
  if (body.f !== print) {
    throw refuse(
      'continue token belongs to a query with other filters or sort; repeat the query without continue to start over',
    );
  }
  return key as [Key, string];
}

/**
 * Filters, sorts and pages the clusters a caller sees. A registry holds tens or hundreds of clusters,
 * so this works on the list in memory; a page starts strictly after the token's row (its sort key and
 * name), so a cluster added or removed meanwhile never shifts or repeats a page.
 */
export function queryClusters<T extends ListedCluster>(
  clusters: T[],
  params: ClusterListParams,
): ClusterPage<T> {
  const filter = readFilter(params);
  const matching = clusters.filter(
    (cluster) =>
      (filter.statuses.length === 0 || filter.statuses.includes(cluster.status)) &&
      (!filter.q ||
        cluster.name.toLowerCase().includes(filter.q) ||
        cluster.displayName.toLowerCase().includes(filter.q)) &&
      matchesLabels(cluster.labels, filter.selector),
  );
  const keyed = matching
    .map((cluster) => ({ cluster, key: [sortKey(cluster, filter.sort), cluster.name] as [Key, string] }))
    .sort((a, b) => compare(a.key, b.key, filter.order));
  const print = fingerprint(params, filter);
  const after = params.continue ? decodeToken(print, params.continue) : undefined;
  const rest = after ? keyed.filter((row) => compare(row.key, after, filter.order) > 0) : keyed;
  const page = params.limit ? rest.slice(0, params.limit) : rest;
  const last = page.at(-1);
  return {
    items: page.map((row) => row.cluster),
    total: matching.length,
    continue: last && page.length < rest.length ? encodeToken(print, last.key) : null,
  };
}
