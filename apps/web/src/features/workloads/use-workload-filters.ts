import { addressChanges, useAddress } from '../../app/use-search-table.ts';
import {
  type HealthFilter,
  isHealthFilter,
  isSortField,
  type SortField,
  workloadKind,
} from './workload-model.ts';

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_SIZE = 50;

export interface WorkloadFilters {
  cluster: string;
  namespace: string;
  kind: string;
  health?: HealthFilter;
  q: string;
  sort?: SortField;
  order?: 'asc' | 'desc';
  size: number;
}

export type FilterChanges = Partial<Record<keyof WorkloadFilters, string | number | undefined>>;

/**
 * The workloads list's filters, sort and page size, kept in the address (?cluster=&ns=&kind=&health=
 * &q=&sort=&order=&size=) so a filtered list can be shared and survives a reload.
 */
export function useWorkloadFilters(): [WorkloadFilters, (changes: FilterChanges) => void] {
  const [params, setAddress] = useAddress();
  const health = params.get('health') ?? '';
  const sort = params.get('sort') ?? '';
  const order = params.get('order');
  const size = Number(params.get('size'));
  const kind = params.get('kind') ?? '';
  const filters: WorkloadFilters = {
    cluster: params.get('cluster') ?? '',
    namespace: params.get('ns') ?? '',
    kind: workloadKind(kind) ? kind : '',
    ...(isHealthFilter(health) ? { health } : {}),
    q: params.get('q') ?? '',
    ...(isSortField(sort) ? { sort } : {}),
    ...(order === 'asc' || order === 'desc' ? { order } : {}),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
  };
  const names: Record<keyof WorkloadFilters, string> = {
    cluster: 'cluster',
    namespace: 'ns',
    kind: 'kind',
    health: 'health',
    q: 'q',
    sort: 'sort',
    order: 'order',
    size: 'size',
  };
  const change = (changes: FilterChanges) => setAddress(addressChanges(names, changes));
  return [filters, change];
}
