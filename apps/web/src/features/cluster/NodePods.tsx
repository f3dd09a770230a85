import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { useCursorPages } from '../../app/use-search-table.ts';
import { PHASES } from '../overview/overview-model.ts';
import { clusterApi } from './cluster-api.ts';
import { PageFooter } from './PageFooter.tsx';

/** Pods a page; the route pages by cursor like search. */
const PAGE = 50;

const isPhase = (phase: string | null): phase is (typeof PHASES)[number] =>
  (PHASES as readonly (string | null)[]).includes(phase);

/** The pods the store has on the node, with their phase, paged by the server. */
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
  const pages = useCursorPages(`${cluster}/${node}`);
  const pods = useQuery({
    queryKey: ['cluster', cluster, 'nodes', 'pods', node, pages.cursor],
    queryFn: () => clusterApi.nodePods(cluster, node, PAGE, pages.cursor),
    placeholderData: keepPreviousData,
    ...(refetchMs ? { refetchInterval: refetchMs } : {}),
  });
  const items = pods.data?.items ?? [];
  const first = pages.page * PAGE;
  const next = pods.data?.continue;
  const now = Date.now();
  return (
    <Flex vertical gap={4}>
      {pods.error && <Typography.Text type="danger">{pods.error.message}</Typography.Text>}
      <Table
        size="small"
        rowKey={(pod) => `${pod.namespace}/${pod.name}`}
        loading={pods.isPending}
        dataSource={items}
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
      {pods.data && (next || pages.page > 0) && (
        <PageFooter
          table={{
            page: pages.page,
            first,
            items,
            total: first + items.length + pods.data.remaining,
            estimated: pods.data.estimated,
            next,
            goNext: () => next && pages.next(next),
            goPrevious: pages.previous,
          }}
        />
      )}
    </Flex>
  );
}
