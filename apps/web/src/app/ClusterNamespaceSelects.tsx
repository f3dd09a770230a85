import { Select } from 'antd';

export interface ClusterNamespaceSelectsProps {
  /** Cluster names to choose from; absent on a page of one cluster (no cluster select then). */
  clusters?: string[];
  cluster: string;
  namespaces: string[];
  namespace: string;
  labels: { cluster: string; allClusters: string; namespace: string; allNamespaces: string };
  /** A new cluster starts over without a namespace filter. */
  onCluster(cluster: string): void;
  onNamespace(namespace: string): void;
}

/** The cluster and namespace filters of a cross-cluster list ('' meaning all). */
export function ClusterNamespaceSelects(props: ClusterNamespaceSelectsProps) {
  const { labels } = props;
  return (
    <>
      {props.clusters && (
        <Select
          style={{ width: 180 }}
          aria-label={labels.cluster}
          value={props.cluster}
          onChange={props.onCluster}
          options={[
            { value: '', label: labels.allClusters },
            ...props.clusters.map((name) => ({ value: name, label: name })),
          ]}
        />
      )}
      <Select
        showSearch
        style={{ width: 200 }}
        aria-label={labels.namespace}
        value={props.namespace}
        onChange={props.onNamespace}
        options={[
          { value: '', label: labels.allNamespaces },
          ...props.namespaces.map((name) => ({ value: name, label: name })),
        ]}
      />
    </>
  );
}
