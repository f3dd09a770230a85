import { CLUSTER_SORTS, CLUSTER_STATUSES, type ClusterSort, type ClusterStatus } from '@portolan/api';
import { addressChanges, useAddress } from '../../app/use-search-table.ts';

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_SIZE = 50;

export interface ClusterFilters {
  /** Name or display name contains. */
  search: string;
  /** A Kubernetes label selector, sent as the server reads it. */
  labels: string;
  statuses: ClusterStatus[];
  sort?: ClusterSort;
  order?: 'asc' | 'desc';
  size: number;
}

export type ClusterFilterChanges = Partial<Record<keyof ClusterFilters, string | number | undefined>>;

/**
 * The clusters list's filters, sort and page size, kept in the address (?search=&labels=&status=
 * &sort=&order=&size=) so a filtered list can be shared and survives a reload.
 */
export function useClusterFilters(): [ClusterFilters, (changes: ClusterFilterChanges) => void] {
  const [params, setAddress] = useAddress();
  const sort = params.get('sort') ?? '';
  const order = params.get('order');
  const size = Number(params.get('size'));
  const filters: ClusterFilters = {
    search: params.get('search') ?? '',
    labels: params.get('labels') ?? '',
    statuses: (params.get('status') ?? '')
      .split(',')
      .filter((status): status is ClusterStatus => (CLUSTER_STATUSES as readonly string[]).includes(status)),
    ...((CLUSTER_SORTS as readonly string[]).includes(sort) ? { sort: sort as ClusterSort } : {}),
    ...(order === 'asc' || order === 'desc' ? { order } : {}),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
  };
  const names: Record<keyof ClusterFilters, string> = {
    search: 'search',
    labels: 'labels',
    statuses: 'status',
    sort: 'sort',
    order: 'order',
    size: 'size',
  };
  const change = (changes: ClusterFilterChanges) => setAddress(addressChanges(names, changes));
  return [filters, change];
}
