import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Space, Table, Tooltip, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { lifecycleApi, lifecycleKeys, lifecyclePaths, type ManagedCluster } from './lifecycle-api.ts';
import { ClusterStateTag, OperationStateTag } from './tags.tsx';

const BUSY = new Set(['creating', 'upgrading', 'changing', 'deleting']);

/** /lifecycle: the clusters Portolan created, their state and last operation, and what to do next. */
export default function ManagedClustersPage() {
  const { t, format } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const clusters = useQuery({
    queryKey: lifecycleKeys.clusters,
    queryFn: lifecycleApi.clusters,
    refetchInterval: (query) =>
      query.state.data?.items.some((cluster) => BUSY.has(cluster.state)) ? 3_000 : 30_000,
  });
  const remove = useMutation({
    mutationFn: (name: string) => lifecycleApi.remove(name),
    onSuccess: (operation) => {
      void queryClient.invalidateQueries({ queryKey: lifecycleKeys.all });
      navigate(lifecyclePaths.operation(operation.id));
    },
    onError: (error) => void message.error(t('lifecycle.refused', { reason: error.message })),
  });
  const confirmRemove = (name: string) =>
    modal.confirm({
      title: t('lifecycle.deleteTitle', { name }),
      content: t('lifecycle.deleteBody'),
      okText: t('lifecycle.deleteOk', { name }),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(name),
    });
  const creator = can('lifecycle:write', 'platform');
  const now = Date.now();
  const createButton = creator && (
    <Button type="primary" onClick={() => navigate(lifecyclePaths.create)}>
      {t('lifecycle.create')}
    </Button>
  );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('lifecycle.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('lifecycle.intro')}</Typography.Text>
        </div>
        {createButton}
      </Flex>
      <Card size="small">
        {clusters.error && <ErrorNotice error={clusters.error} onRetry={() => void clusters.refetch()} />}
        <Table<ManagedCluster>
          size="small"
          rowKey="name"
          loading={clusters.isPending}
          dataSource={clusters.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lifecycle.empty')}>
                {createButton}
              </Empty>
            ),
          }}
          columns={[
            {
              title: t('lifecycle.name'),
              key: 'name',
              render: (_, cluster) => (
                <Link to={lifecyclePaths.cluster(cluster.name)} data-managed-cluster={cluster.name}>
                  {cluster.name}
                </Link>
              ),
            },
            {
              title: t('lifecycle.provider'),
              key: 'provider',
              render: (_, cluster) => t(`lifecycle.provider.${cluster.provider}`),
            },
            { title: t('lifecycle.version'), dataIndex: 'version', key: 'version' },
            {
              title: t('lifecycle.state'),
              key: 'state',
              render: (_, cluster) => <ClusterStateTag state={cluster.state} />,
            },
            {
              title: t('lifecycle.nodes'),
              key: 'nodes',
              align: 'right',
              render: (_, cluster) => format.number(cluster.nodes.length),
            },
            {
              title: t('lifecycle.lastOperation'),
              key: 'last',
              render: (_, { lastOperation: last }) =>
                last ? (
                  <Space size={4}>
                    <Link to={lifecyclePaths.operation(last.id)}>{t(`lifecycle.kind.${last.kind}`)}</Link>
                    <OperationStateTag operation={last} />
                    <Tooltip title={format.dateTime(last.createdAt)}>
                      <Typography.Text type="secondary">{format.ago(last.createdAt, now)}</Typography.Text>
                    </Tooltip>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('lifecycle.none')}</Typography.Text>
                ),
            },
            {
              title: '',
              key: 'actions',
              render: (_, cluster) =>
                can('lifecycle:write', { cluster: cluster.name }) && (
                  <Space size={4}>
                    <Tooltip title={cluster.upgradeTargets.length ? undefined : t('lifecycle.upgrade.none')}>
                      <Button
                        size="small"
                        disabled={!cluster.upgradeTargets.length || BUSY.has(cluster.state)}
                        onClick={() => navigate(`${lifecyclePaths.cluster(cluster.name)}#upgrade`)}
                      >
                        {t('lifecycle.upgrade')}
                      </Button>
                    </Tooltip>
                    <Button
                      size="small"
                      onClick={() => navigate(`${lifecyclePaths.cluster(cluster.name)}#snapshots`)}
                    >
                      {t('lifecycle.snapshots')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      disabled={cluster.state === 'deleting'}
                      onClick={() => confirmRemove(cluster.name)}
                    >
                      {t('lifecycle.delete')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
