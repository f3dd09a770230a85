import { Flex } from 'antd';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { type ChartSpec, MetricCharts } from './MetricChart.tsx';
import { TopConsumers } from './TopConsumers.tsx';

/**
 * The charts each page shows, one component per page so a page needs one line to carry them. Each
 * shows only what the caller may read: cluster and node levels need a cluster-wide monitoring grant.
 */

export function ClusterCharts({ cluster }: { cluster: string }) {
  const { t } = useI18n();
  const can = useCan();
  if (!can('monitoring:read', { cluster })) return null;
  const scope = { level: 'cluster' as const, cluster };
  const charts: ChartSpec[] = [
    { title: t('monitoring.chart.cpu'), metrics: ['cpu_usage', 'cpu_requests', 'cpu_limits'], scope },
    {
      title: t('monitoring.chart.memory'),
      metrics: ['memory_usage', 'memory_requests', 'memory_limits'],
      scope,
    },
    { title: t('monitoring.metric.pods_by_phase'), metrics: ['pod_count'], scope },
    { title: t('monitoring.chart.restarts'), metrics: ['pod_restarts'], scope },
    { title: t('monitoring.chart.apiRate'), metrics: ['apiserver_request_rate'], scope },
    { title: t('monitoring.chart.apiLatency'), metrics: ['apiserver_request_latency_p99'], scope },
    { title: t('monitoring.chart.apiErrors'), metrics: ['apiserver_error_rate'], scope },
    { title: t('monitoring.chart.etcd'), metrics: ['etcd_db_size'], scope },
  ];
  return (
    <Flex vertical gap={12}>
      <MetricCharts charts={charts} />
      <TopConsumers cluster={cluster} />
    </Flex>
  );
}

export function NodeCharts({ cluster, node }: { cluster: string; node: string }) {
  const { t } = useI18n();
  const can = useCan();
  if (!can('monitoring:read', { cluster })) return null;
  const scope = { level: 'node' as const, cluster, name: node };
  return (
    <MetricCharts
      charts={[
        { title: t('monitoring.chart.cpu'), metrics: ['cpu_usage', 'cpu_requests', 'cpu_limits'], scope },
        {
          title: t('monitoring.chart.memory'),
          metrics: ['memory_usage', 'memory_requests', 'memory_limits'],
          scope,
        },
        { title: t('monitoring.metric.pods_by_phase'), metrics: ['pod_count'], scope },
        { title: t('monitoring.chart.restarts'), metrics: ['pod_restarts'], scope },
      ]}
    />
  );
}

export function WorkloadCharts({
  cluster,
  namespace,
  kind,
  name,
}: {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
}) {
  const { t } = useI18n();
  const can = useCan();
  const workloadKind = WORKLOAD_KINDS.find((known) => known === kind);
  if (!workloadKind || !can('monitoring:read', { cluster, namespace })) return null;
  const scope = { level: 'workload' as const, cluster, namespace, name, workloadKind };
  return (
    <MetricCharts
      charts={[
        { title: t('monitoring.chart.cpu'), metrics: ['cpu_usage', 'cpu_requests', 'cpu_limits'], scope },
        {
          title: t('monitoring.chart.memory'),
          metrics: ['memory_usage', 'memory_requests', 'memory_limits'],
          scope,
        },
        { title: t('monitoring.metric.pods_by_phase'), metrics: ['pod_count'], scope },
        { title: t('monitoring.chart.restarts'), metrics: ['pod_restarts'], scope },
      ]}
    />
  );
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] as const;

/** A pod: each container's CPU and memory against its requests and limits, and the pod's restarts. */
export function PodCharts({
  cluster,
  namespace,
  pod,
  containers,
}: {
  cluster: string;
  namespace: string;
  pod: string;
  containers: string[];
}) {
  const { t } = useI18n();
  const can = useCan();
  if (!can('monitoring:read', { cluster, namespace })) return null;
  const container = (name: string) => ({ level: 'container' as const, cluster, namespace, pod, name });
  const several = containers.length > 1;
  const charts: ChartSpec[] = containers.flatMap((name) => [
    {
      title: several ? `${t('monitoring.chart.cpu')} · ${name}` : t('monitoring.chart.cpu'),
      metrics: ['cpu_usage', 'cpu_requests', 'cpu_limits'],
      scope: container(name),
    },
    {
      title: several ? `${t('monitoring.chart.memory')} · ${name}` : t('monitoring.chart.memory'),
      metrics: ['memory_usage', 'memory_requests', 'memory_limits'],
      scope: container(name),
    },
  ]);
  charts.push({
    title: t('monitoring.chart.restarts'),
    metrics: ['pod_restarts'],
    scope: { level: 'pod', cluster, namespace, name: pod },
  });
  return <MetricCharts charts={charts} />;
}
