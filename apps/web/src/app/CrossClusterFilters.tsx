import type { SearchAnswer } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import { request } from '../api/client.ts';
import { AddressSearch } from './AddressSearch.tsx';
import { ClusterNamespaceSelects, type ClusterNamespaceSelectsProps } from './ClusterNamespaceSelects.tsx';

/** The namespaces the caller can see on a cluster (on every cluster for ''), by name. */
async function namespaceNames(cluster: string): Promise<string[]> {
  const params = new URLSearchParams({ kinds: 'namespaces', limit: '1000', objects: 'false' });
  if (cluster) params.set('clusters', cluster);
  const answer = await request<SearchAnswer>('GET', `/api/v1/search?${params}`);
  return [...new Set(answer.items.map((item) => item.name))].sort();
}

/**
 * A cross-cluster list's first filters, kept in the address: the name search (`q`), the cluster and
 * the namespace, offering the namespaces the caller can see on the cluster chosen.
 */
export function CrossClusterFilters(props: {
  filters: { q: string; cluster: string; namespace: string };
  onChange(changes: { q?: string; cluster?: string; namespace?: string | undefined }): void;
  /** Cluster names to choose from; absent on a page of one cluster (`filters.cluster` is that one). */
  clusters?: string[];
  /** What the namespace lists are cached under, before the cluster. */
  namespacesKey: readonly unknown[];
  search: { placeholder: string; width: number };
  labels: ClusterNamespaceSelectsProps['labels'];
}) {
  const { filters, onChange } = props;
  const namespaces = useQuery({
    queryKey: [...props.namespacesKey, filters.cluster],
    queryFn: () => namespaceNames(filters.cluster),
    staleTime: 30_000,
  });
  return (
    <>
      <AddressSearch
        allowClear
        style={{ width: props.search.width }}
        placeholder={props.search.placeholder}
        aria-label={props.search.placeholder}
        value={filters.q}
        onFilter={(value) => onChange({ q: value })}
      />
      <ClusterNamespaceSelects
        {...(props.clusters ? { clusters: props.clusters } : {})}
        cluster={filters.cluster}
        namespaces={namespaces.data ?? []}
        namespace={filters.namespace}
        labels={props.labels}
        onCluster={(value) => onChange({ cluster: value, namespace: undefined })}
        onNamespace={(value) => onChange({ namespace: value })}
      />
    </>
  );
}
