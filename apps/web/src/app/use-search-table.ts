import type { ClusterFreshness, SearchAnswer, SearchItem, SearchQuery } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { request } from '../api/client.ts';
import { useLiveUpdates } from './live.ts';

export type SearchSort = NonNullable<SearchQuery['sort']>;
type SortOrder = 'ascend' | 'descend' | null;

/**
 * Pages of a search answered by cursor (`continue`): the cursors of the pages already seen are kept,
 * so Previous goes back exactly and Next asks for the page after. A change of filter or sort starts
 * again from the first page.
 */
export function useCursorPages(filterKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key: filterKey,
    cursors: [undefined],
  });
  const cursors = state.key === filterKey ? state.cursors : [undefined];
  const page = cursors.length - 1;
  return {
    /** 0-based. */
    page,
    cursor: cursors[page],
    next: (cursor: string) => setState({ key: filterKey, cursors: [...cursors, cursor] }),
    previous: () => setState({ key: filterKey, cursors: cursors.slice(0, Math.max(1, page)) }),
  };
}

/** Address parameters as settings of a page: an empty or missing value removes the parameter. */
export function useAddress(): [URLSearchParams, (changes: Record<string, string | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const change = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes))
          if (value) next.set(key, value);
          else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return [params, change];
}

/** Named settings as address changes: each key to its parameter's name, an empty value removing it. */
export function addressChanges<K extends string>(
  names: Record<K, string>,
  changes: Partial<Record<K, string | number | undefined>>,
): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(changes).map(([key, value]) => [
      names[key as K],
      value === undefined || value === '' ? undefined : String(value),
    ]),
  );
}

export interface SearchTableOptions {
  /** What the answers are cached under; the change stream marks it stale. */
  queryKey: readonly unknown[];
  /** The kind as search takes it: `nodes`, `ingresses.networking.k8s.io`. */
  kind: string;
  cluster: string;
  /** The sorts the table offers; the first is the default. */
  sorts: readonly SearchSort[];
  /** Page sizes offered (?size=), and the one when the address names none (default 50). */
  sizes?: readonly number[];
  defaultSize?: number;
  /** Whether the address's ?namespace= filters the list (a namespaced kind). */
  namespaced?: boolean;
  /** Further parameters of every request (`fields`, `node`). */
  query?: Partial<SearchQuery>;
}

/** Turns a search query into the address's query string, lists already comma-separated. */
function queryString(query: SearchQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') search.set(key, String(value));
  return search.toString();
}

/**
 * One kind of one cluster as a table the server pages, sorts and filters (GET /api/v1/search): the
 * filters (?name= contains, ?selector=, ?namespace=), sort (?sort=&order=) and page size (?size=)
 * live in the address so a filtered list can be shared and survives a reload; pages go by cursor;
 * the count is the server's; the answer follows the change stream.
 */
export function useSearchTable<Item extends SearchItem = SearchItem>(options: SearchTableOptions) {
  const { cluster, kind, sorts } = options;
  const sizes = options.sizes ?? [50];
  const [params, change] = useAddress();
  const filters = {
    name: params.get('name') ?? '',
    selector: params.get('selector') ?? '',
    namespace: options.namespaced ? (params.get('namespace') ?? '') : '',
  };
  const asked = params.get('sort');
  const sort = sorts.find((one) => one === asked) ?? (sorts[0] as SearchSort);
  const order = params.get('order') === 'desc' ? ('desc' as const) : ('asc' as const);
  const size = sizes.find((one) => String(one) === params.get('size')) ?? options.defaultSize ?? 50;
  const pages = useCursorPages(JSON.stringify([cluster, kind, filters, sort, order, size, options.query]));

  const query: SearchQuery = {
    kinds: kind,
    clusters: cluster,
    ...(filters.namespace ? { namespaces: filters.namespace } : {}),
    ...(filters.name ? { nameContains: filters.name } : {}),
    ...(filters.selector ? { labelSelector: filters.selector } : {}),
    sort,
    order,
    limit: size,
    ...(pages.cursor ? { continue: pages.cursor } : {}),
    ...options.query,
  };
  const answer = useQuery({
    queryKey: [...options.queryKey, query],
    queryFn: () =>
      request<Omit<SearchAnswer, 'items'> & { items: Item[] }>('GET', `/api/v1/search?${queryString(query)}`),
    placeholderData: keepPreviousData,
  });
  useLiveUpdates(options.queryKey, {
    kinds: [kind],
    clusters: [cluster],
    ...(filters.namespace ? { namespaces: [filters.namespace] } : {}),
  });

  const items = answer.data?.items ?? [];
  const first = pages.page * size;
  const next = answer.data?.continue;
  return {
    answer,
    items,
    /** The whole address, for a page's own settings (the object its drawer shows). */
    address: params,
    filters,
    sort,
    order,
    size,
    /** Changes filters or settings in the address (a new filter starts again at the first page). */
    change,
    freshness: answer.data?.clusters.find((entry) => entry.name === cluster) as ClusterFreshness | undefined,
    /** 0-based page, the index of its first row, and every row matching (the server's count). */
    page: pages.page,
    first,
    total: first + items.length + (answer.data?.remaining ?? 0),
    estimated: answer.data?.estimated ?? false,
    next,
    goNext: () => next && pages.next(next),
    goPrevious: pages.previous,
    /** The column's sort mark for antd's Table. */
    sortOrder: (key: SearchSort): SortOrder =>
      sort === key ? (order === 'desc' ? 'descend' : 'ascend') : null,
    /** antd's Table onChange: the chosen column sorts on the server; none chosen is the default. */
    onSort: (
      sorter: { columnKey?: unknown; order?: SortOrder } | { columnKey?: unknown; order?: SortOrder }[],
    ) => {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      change({
        sort: one?.order ? String(one.columnKey) : undefined,
        order: one?.order === 'descend' ? 'desc' : undefined,
      });
    },
  };
}
