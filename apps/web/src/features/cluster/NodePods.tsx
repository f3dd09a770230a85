import { useQuery } from '@tanstack/react-query';
import { Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { PHASES } from '../overview/overview-model.ts';
import { clusterApi } from './cluster-api.ts';

const isPhase = (phase: string | null): phase is (typeof PHASES)[number] =>
  (PHASES as readonly (string | null)[]).includes(phase);

/** The pods the store has on the node (first 200), with their phase. */
export function NodePods({
  cluster,
  node,
  refetchMs,
}: {
  cluster: string;
  node: string;
  refetchMs?: number;
}) {
  const { t, format } = useI18n();
  const pods = useQuery({
    queryKey: ['cluster', cluster, 'nodes', 'pods', node],
    queryFn: () => clusterApi.nodePods(cluster, node, 200),
    ...(refetchMs ? { refetchInterval: refetchMs } : {}),
  });
  const now = Date.now();
  return (
    <Flex vertical gap={4}>
      {pods.error && <Typography.Text type="danger">{pods.error.message}</Typography.Text>}
      <Table
        size="small"
        rowKey={(pod) => `${pod.namespace}/${pod.name}`}
        loading={pods.isPending}
        dataSource={pods.data?.items ?? []}
        pagination={false}
        scroll={{ y: 360 }}
        locale={{ emptyText: t('clusterPage.nodes.noPods') }}
        columns={[
          { title: t('clusterPage.namespace'), key: 'namespace', dataIndex: 'namespace' },
          {
            title: t('cluster.name'),
            key: 'name',
            render: (_, pod) => (
              <Link
                to={`/clusters/${encodeURIComponent(cluster)}/pods/${encodeURIComponent(pod.namespace)}/${encodeURIComponent(pod.name)}`}
              >
                {pod.name}
              </Link>
            ),
          },
          {
            title: t('cluster.status'),
            key: 'phase',
            render: (_, pod) => (
              <Tag>{isPhase(pod.phase) ? t(`phase.${pod.phase}`) : (pod.phase ?? '–')}</Tag>
            ),
          },
          {
            title: t('clusterPage.age'),
            key: 'age',
            render: (_, pod) => (pod.createdAt ? format.ago(pod.createdAt, now) : '–'),
          },
        ]}
      />
      {pods.data && pods.data.remaining > 0 && (
        <Typography.Text type="secondary">
          {t('clusterPage.nodes.morePods', { count: format.number(pods.data.remaining) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
