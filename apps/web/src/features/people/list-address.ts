import type { SorterResult, SortOrder, TableCurrentDataSource } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_SIZE = 50;

/** A text change goes to the server once typing pauses this long. */
export const TYPING_PAUSE_MS = 300;

export interface ListAddress<Sort extends string> {
  /** The filter named `name` in the address, '' when unset. */
  get(name: string): string;
  sort: Sort | undefined;
  order: 'asc' | 'desc' | undefined;
  /** 1-based. */
  page: number;
  size: number;
  /** The paging, sort and order to send: `limit`, `offset`, `sort`, `order`. */
  query: { limit: number; offset: number; sort?: Sort; order?: 'asc' | 'desc' };
  /** Sets filters (undefined or '' removes one); any change but the page's goes back to page 1. */
  change(changes: Record<string, string | number | undefined>): void;
  /** A column's sort as the table shows it; without a sort in the address, the server's own (`fallback`). */
  sortOrder(column: Sort): SortOrder;
  /** The table's onChange: paging and sorting into the address. */
  onTableChange(
    pagination: { current?: number; pageSize?: number },
    sorter: SorterResult<never> | SorterResult<never>[],
    extra: TableCurrentDataSource<never>,
  ): void;
}

/**
 * One People list's filters, sort and page kept in the address (?q=&sort=&order=&page=&size=, plus the
 * tab's own filters), so a filtered page can be shared, survives a reload and goes back with Back.
 */
export function useListAddress<Sort extends string>(
  sorts: readonly Sort[],
  fallback: Sort,
): ListAddress<Sort> {
  const [params, setParams] = useSearchParams();
  const sortText = params.get('sort') ?? '';
  const sort = (sorts as readonly string[]).includes(sortText) ? (sortText as Sort) : undefined;
  const orderText = params.get('order');
  const order = orderText === 'asc' || orderText === 'desc' ? orderText : undefined;
  const sizeNumber = Number(params.get('size'));
  const size = (PAGE_SIZES as readonly number[]).includes(sizeNumber) ? sizeNumber : DEFAULT_SIZE;
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));

  const change = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          const text = value === undefined ? '' : String(value);
          if (text) next.set(name, text);
          else next.delete(name);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  return {
    get: (name) => params.get(name) ?? '',
    sort,
    order,
    page,
    size,
    query: { limit: size, offset: (page - 1) * size, ...(sort && { sort }), ...(order && { order }) },
    change,
    sortOrder: (column) => ((sort ?? fallback) === column ? (order === 'desc' ? 'descend' : 'ascend') : null),
    onTableChange(pagination, sorter, extra) {
      if (extra.action === 'paginate') {
        const nextSize = pagination.pageSize ?? size;
        change(
          nextSize !== size
            ? { size: nextSize }
            : { page: pagination.current && pagination.current > 1 ? pagination.current : undefined },
        );
        return;
      }
      if (extra.action !== 'sort') return;
      const chosen = Array.isArray(sorter) ? sorter[0] : sorter;
      const column = chosen?.order ? String(chosen.columnKey) : undefined;
      change({ sort: column, order: column && chosen?.order === 'descend' ? 'desc' : undefined });
    },
  };
}

/** A value that follows `value` once it has stayed the same for `ms`. */
export function useDebounced<T>(value: T, ms = TYPING_PAUSE_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A query string of the defined, non-empty values. */
export function queryString(query: Record<string, string | number | boolean | undefined>): string {
  const entries = Object.entries(query).flatMap(([name, value]) =>
    value === undefined || value === '' ? [] : [[name, String(value)] as [string, string]],
  );
  return new URLSearchParams(entries).toString();
}
