import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { PodQuery } from './pod-rows.ts';

export const PAGE_SIZES = [100, 500, 1000] as const;
const DEFAULT_SIZE = 500;
const SORTS = ['name', 'created', 'namespace', 'cluster'] as const;

export interface PodFilters {
  clusters: string[];
  namespaces: string;
  nameContains: string;
  node: string;
  phase: string[];
  labelSelector: string;
  sort?: PodQuery['sort'];
  order?: PodQuery['order'];
  size: number;
}

export type FilterChanges = Partial<Record<keyof PodFilters, string | string[] | number | undefined>>;

const listOf = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

/** The address's parameter for each filter. */
const NAMES: Record<keyof PodFilters, string> = {
  clusters: 'clusters',
  namespaces: 'ns',
  nameContains: 'q',
  node: 'node',
  phase: 'phase',
  labelSelector: 'labels',
  sort: 'sort',
  order: 'order',
  size: 'size',
};

export function filtersOf(params: URLSearchParams): PodFilters {
  const sort = params.get('sort');
  const order = params.get('order');
  const size = Number(params.get('size'));
  return {
    clusters: listOf(params.get('clusters')),
    namespaces: params.get('ns') ?? '',
    nameContains: params.get('q') ?? '',
    node: params.get('node') ?? '',
    phase: listOf(params.get('phase')),
    labelSelector: params.get('labels') ?? '',
    ...(SORTS.includes(sort as (typeof SORTS)[number]) ? { sort: sort as PodQuery['sort'] } : {}),
    ...(order === 'asc' || order === 'desc' ? { order } : {}),
    size: PAGE_SIZES.includes(size as (typeof PAGE_SIZES)[number]) ? size : DEFAULT_SIZE,
  };
}

/**
 * The pods list's filters, sort and page size, kept in the address (?q=&ns=&node=&phase=&labels=
 * &clusters=&sort=&order=&size=) so a filtered list can be shared and survives a reload. The filters
 * object and the change function keep their identity while the address does, so the filter bar
 * need not render again for every page of live data.
 */
export function usePodFilters(): [PodFilters, (changes: FilterChanges) => void] {
  const [params, setParams] = useSearchParams();
  const text = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address's text stands for params
  const filters = useMemo(() => filtersOf(params), [text]);
  const latest = useRef(setParams);
  latest.current = setParams;
  const change = useCallback(
    (changes: FilterChanges) =>
      latest.current(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            const name = NAMES[key as keyof PodFilters];
            const written = Array.isArray(value) ? value.join(',') : value === undefined ? '' : String(value);
            if (written) next.set(name, written);
            else next.delete(name);
          }
          return next;
        },
        { replace: true },
      ),
    [],
  );
  return [filters, change];
}

/** The search the list asks for its filters (on one cluster's page, only that cluster). */
export function podQueryOf(filters: PodFilters, cluster?: string): PodQuery {
  return {
    clusters: cluster ? [cluster] : filters.clusters,
    namespaces: filters.namespaces,
    nameContains: filters.nameContains,
    node: filters.node,
    phase: filters.phase,
    labelSelector: filters.labelSelector,
    limit: filters.size,
    ...(filters.sort ? { sort: filters.sort } : {}),
    ...(filters.order ? { order: filters.order } : {}),
  };
}

/** The query cache's key for a page of the list: the first load and the list share it. */
export const podsListKey = (query: PodQuery, cursor: string | undefined) =>
  ['pods', 'list', query, cursor ?? null] as const;
