import { PodsTable } from './PodsTable.tsx';

/** The cluster page's Pods tab: the pods list kept to one cluster. */
export default function ClusterPodsTab({ cluster }: { cluster: string }) {
  return <PodsTable cluster={cluster} />;
}
