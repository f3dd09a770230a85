import type { PropagationListQuery } from '@portolan/api';
import { addressChanges, useAddress } from '../../app/use-search-table.ts';

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_SIZE = 20;

export interface PropagationFilters {
  q: string;
  cluster: string;
  phase: string;
  /** 1-based. */
  page: number;
  size: number;
}

export type PropagationFilterChanges = Partial<Record<keyof PropagationFilters, string | number | undefined>>;

/**
 * The list's search, filters and page, kept in the address (?q=&cluster=&phase=&page=&size=) so a
 * filtered list can be shared and survives a reload. A new filter starts again at the first page.
 */
export function usePropagationFilters(): [PropagationFilters, (changes: PropagationFilterChanges) => void] {
  const [params, setAddress] = useAddress();
  const size = Number(params.get('size'));
  const page = Number(params.get('page'));
  const filters: PropagationFilters = {
    q: params.get('q') ?? '',
    cluster: params.get('cluster') ?? '',
    phase: params.get('phase') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
  };
  const names: Record<keyof PropagationFilters, string> = {
    q: 'q',
    cluster: 'cluster',
    phase: 'phase',
    page: 'page',
    size: 'size',
  };
  return [
    filters,
    (changes) =>
      setAddress(addressChanges(names, 'page' in changes ? changes : { ...changes, page: undefined })),
  ];
}

export function propagationQuery(filters: PropagationFilters): PropagationListQuery {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.cluster ? { cluster: filters.cluster } : {}),
    ...(filters.phase ? { phase: filters.phase } : {}),
    limit: filters.size,
    offset: (filters.page - 1) * filters.size,
  };
}
