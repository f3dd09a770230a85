import type { StoredReleaseQuery } from '@portolan/api';
import { addressChanges, useAddress } from '../../app/use-search-table.ts';

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_SIZE = 50;
export const SORT_FIELDS = ['name', 'cluster', 'namespace', 'updated', 'status', 'chart'] as const;
export type ReleaseSortField = (typeof SORT_FIELDS)[number];
const isSortField = (value: string): value is ReleaseSortField =>
  (SORT_FIELDS as readonly string[]).includes(value);

export interface ReleaseFilters {
  cluster: string;
  namespace: string;
  status: string;
  outdated: boolean;
  q: string;
  sort?: ReleaseSortField;
  order?: 'asc' | 'desc';
  size: number;
}

export type ReleaseFilterChanges = Partial<Record<keyof ReleaseFilters, string | number | undefined>>;

/**
 * The releases list's filters, sort and page size, kept in the address (?cluster=&ns=&status=
 * &outdated=1&q=&sort=&order=&size=) so a filtered list can be shared and survives a reload.
 */
export function useReleaseFilters(): [ReleaseFilters, (changes: ReleaseFilterChanges) => void] {
  const [params, setAddress] = useAddress();
  const sort = params.get('sort') ?? '';
  const order = params.get('order');
  const size = Number(params.get('size'));
  const filters: ReleaseFilters = {
    cluster: params.get('cluster') ?? '',
    namespace: params.get('ns') ?? '',
    status: params.get('status') ?? '',
    outdated: params.get('outdated') === '1',
    q: params.get('q') ?? '',
    ...(isSortField(sort) ? { sort } : {}),
    ...(order === 'asc' || order === 'desc' ? { order } : {}),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
  };
  const names: Record<keyof ReleaseFilters, string> = {
    cluster: 'cluster',
    namespace: 'ns',
    status: 'status',
    outdated: 'outdated',
    q: 'q',
    sort: 'sort',
    order: 'order',
    size: 'size',
  };
  return [filters, (changes) => setAddress(addressChanges(names, changes))];
}

/** The API's query for these filters (without the page's cursor). */
export function releaseQuery(filters: ReleaseFilters): StoredReleaseQuery {
  return {
    ...(filters.cluster ? { clusters: filters.cluster } : {}),
    ...(filters.namespace ? { namespaces: filters.namespace } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.outdated ? { outdated: true } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.sort ? { sort: filters.sort } : {}),
    ...(filters.order ? { order: filters.order } : {}),
    limit: filters.size,
  };
}
