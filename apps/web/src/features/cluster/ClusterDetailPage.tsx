import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Result, Tabs, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { ClusterActions } from '../clusters/ClusterActions.tsx';
import { StatusTag } from '../clusters/StatusTag.tsx';
import { ManagedClusterLink } from '../lifecycle/LifecycleLinks.tsx';
import { ClusterTerminalButton } from '../terminals/TerminalButtons.tsx';
import { clusterApi } from './cluster-api.ts';
import { CLUSTER_TABS } from './cluster-tabs.ts';
import { LastKnownBanner } from './LastKnownBanner.tsx';

/**
 * One cluster: its name, health and version with the actions on its registration, a banner when
 * what the page shows is last known, and a tab per area (/clusters/{cluster}/{tab}).
 */
export default function ClusterDetailPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { cluster: name = '', tab } = useParams();
  const cluster = useQuery({
    queryKey: ['cluster', name],
    queryFn: () => clusterApi.cluster(name),
    refetchInterval: 10_000,
  });
  const can = useCan();
  const tabs = CLUSTER_TABS.filter(
    (entry) => !entry.permission || can(entry.permission, { inCluster: name }),
  ).sort((a, b) => a.order - b.order);
  const active = tabs.find((entry) => entry.key === tab) ?? tabs[0];

  if (cluster.error instanceof ApiError && cluster.error.status === 404)
    return (
      <Result
        status="404"
        title={t('clusterPage.notFound', { name })}
        subTitle={cluster.error.message}
        extra={
          <Button type="primary" onClick={() => navigate('/clusters')}>
            {t('clusterPage.backToClusters')}
          </Button>
        }
      />
    );

  const data = cluster.data;
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            <Link to="/clusters">{t('nav.clusters')}</Link> / {data?.displayName || name}
          </Typography.Title>
          {data && <StatusTag status={data.status} />}
          {data?.version && <Tag bordered={false}>{data.version}</Tag>}
          {data?.platform && <Tag bordered={false}>{data.platform}</Tag>}
          {data?.displayName && data.displayName !== name && (
            <Typography.Text type="secondary">{name}</Typography.Text>
          )}
        </Flex>
        <Flex gap={8} wrap>
          <ManagedClusterLink cluster={name} />
          <ClusterTerminalButton cluster={name} />
          {data && (
            <ClusterActions cluster={data} variant="buttons" onRemoved={() => navigate('/clusters')} />
          )}
        </Flex>
      </Flex>
      {cluster.error && <ErrorNotice error={cluster.error} onRetry={() => void cluster.refetch()} />}
      {data && <LastKnownBanner cluster={data} />}
      <Tabs
        activeKey={active?.key}
        onChange={(key) => navigate(`/clusters/${encodeURIComponent(name)}/${key}`)}
        destroyOnHidden
        items={tabs.map(({ key, labelKey, Component }) => ({
          key,
          label: t(labelKey),
          children: (
            <Suspense fallback={<Loading />}>
              <Component cluster={name} />
            </Suspense>
          ),
        }))}
      />
    </Flex>
  );
}
