import { WorkloadsTable } from './WorkloadsTable.tsx';

/** The cluster page's 'workloads' tab: the workloads table held to one cluster. */
export default function ClusterWorkloadsTab({ cluster }: { cluster: string }) {
  return <WorkloadsTable cluster={cluster} />;
}
