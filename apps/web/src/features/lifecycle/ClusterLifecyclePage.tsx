import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Result,
  Row,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { lifecycleApi, lifecycleKeys, lifecyclePaths, type ManagedCluster } from './lifecycle-api.ts';
import { failureText } from './lifecycle-words.ts';
import { NodePoolsCard } from './NodePoolsCard.tsx';
import { OperationsCard } from './OperationsCard.tsx';
import { SnapshotsCard } from './SnapshotsCard.tsx';
import { ClusterStateTag } from './tags.tsx';
import { UpgradePanel } from './UpgradePanel.tsx';

type Component = ManagedCluster['components'][number];

/**
 * /lifecycle/clusters/:name: a created cluster's version and components, its upgrade (preflight
 * first), node pools, etcd snapshots and operations. Changes wait while an operation runs.
 */
export default function ClusterLifecyclePage() {
  const { name = '' } = useParams();
  const { t, format } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const location = useLocation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const cluster = useQuery({
    queryKey: lifecycleKeys.cluster(name),
    queryFn: () => lifecycleApi.cluster(name),
    refetchInterval: (query) => (query.state.data?.lastOperation?.state === 'running' ? 3_000 : 30_000),
  });
  const remove = useMutation({
    mutationFn: () => lifecycleApi.remove(name),
    onSuccess: (operation) => {
      void queryClient.invalidateQueries({ queryKey: lifecycleKeys.all });
      navigate(lifecyclePaths.operation(operation.id));
    },
    onError: (error) => void message.error(t('lifecycle.refused', { reason: error.message })),
  });
  const loaded = Boolean(cluster.data);
  // The list's Upgrade and Snapshots buttons land on their card.
  useEffect(() => {
    if (loaded && location.hash)
      document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [loaded, location.hash]);

  if (cluster.isPending) return <Skeleton active />;
  if (cluster.error instanceof ApiError && cluster.error.status === 404)
    return (
      <Result
        status="404"
        title={t('lifecycle.notFound', { name })}
        extra={<Link to={lifecyclePaths.list}>{t('lifecycle.back')}</Link>}
      />
    );
  if (cluster.error) return <ErrorNotice error={cluster.error} onRetry={() => void cluster.refetch()} />;

  const data = cluster.data;
  const writable = can('lifecycle:write', { cluster: name });
  const last = data.lastOperation;
  const busy = last?.state === 'running' || data.state === 'deleting';
  const confirmRemove = () =>
    modal.confirm({
      title: t('lifecycle.deleteTitle', { name }),
      content: t('lifecycle.deleteBody'),
      okText: t('lifecycle.deleteOk', { name }),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(),
    });

  return (
    <Flex vertical gap={12}>
      <Link to={lifecyclePaths.list}>← {t('lifecycle.back')}</Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {name}
          </Typography.Title>
          <ClusterStateTag state={data.state} />
          <Tag bordered={false}>{data.version}</Tag>
          <Tag bordered={false}>{t(`lifecycle.provider.${data.provider}`)}</Tag>
        </Flex>
        <Flex gap={8}>
          <Button onClick={() => navigate(`/clusters/${encodeURIComponent(name)}`)}>
            {t('lifecycle.page.registered')}
          </Button>
          {writable && (
            <Button danger disabled={data.state === 'deleting'} onClick={confirmRemove}>
              {t('lifecycle.delete')}
            </Button>
          )}
        </Flex>
      </Flex>
      {last && (last.state === 'running' || last.state === 'failed') && (
        <Alert
          type={last.state === 'failed' ? 'error' : 'info'}
          showIcon
          title={t(last.state === 'failed' ? 'lifecycle.page.failed' : 'lifecycle.page.busy')}
          description={last.failure ? `${last.failure.step}: ${failureText(t, last.failure)}` : undefined}
          action={
            <Button size="small" onClick={() => navigate(lifecyclePaths.operation(last.id))}>
              {t('lifecycle.page.openOperation')}
            </Button>
          }
        />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('lifecycle.page.components')} style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'version', label: t('lifecycle.version'), children: data.version },
                {
                  key: 'network',
                  label: t('lifecycle.page.network'),
                  children: t('lifecycle.page.network.value', {
                    pod: data.podCidr,
                    service: data.serviceCidr,
                  }),
                },
                {
                  key: 'audit',
                  label: t('lifecycle.form.auditLog'),
                  children: t(data.auditLog ? 'lifecycle.page.auditOn' : 'lifecycle.page.auditOff'),
                },
                {
                  key: 'created',
                  label: t('lifecycle.page.created'),
                  children: format.dateTime(data.createdAt),
                },
              ]}
            />
            <Table<Component>
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={data.components}
              columns={[
                { title: t('lifecycle.page.component'), dataIndex: 'name', key: 'name' },
                {
                  title: t('lifecycle.version'),
                  key: 'version',
                  render: (_, component) => component.version || '–',
                },
                {
                  title: t('lifecycle.state'),
                  key: 'running',
                  render: (_, component) => (
                    <Tag color={component.running ? 'success' : 'error'}>
                      {t(component.running ? 'lifecycle.page.running' : 'lifecycle.page.stopped')}
                    </Tag>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            id="upgrade"
            title={t('lifecycle.upgrade.title', { name })}
            style={{ height: '100%' }}
          >
            {writable ? (
              <UpgradePanel cluster={data} busy={busy} />
            ) : (
              <Typography.Text type="secondary">
                {data.upgradeTargets.length ? data.upgradeTargets.join(', ') : t('lifecycle.upgrade.none')}
              </Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <NodePoolsCard cluster={data} writable={writable} busy={busy} />
      <SnapshotsCard cluster={data} writable={writable} busy={busy} />
      <OperationsCard cluster={name} />
    </Flex>
  );
}
