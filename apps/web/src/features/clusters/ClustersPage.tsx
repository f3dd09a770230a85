import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import type { Cluster } from '../../api/types.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { AddClusterDrawer } from './AddClusterDrawer.tsx';
import { ClusterActions } from './ClusterActions.tsx';
import { filterClusters } from './cluster-filters.ts';
import { StatusTag } from './StatusTag.tsx';

const STATUSES = ['Ready', 'Offline', 'Unknown'] as const;

/**
 * The registered clusters: filter by name, label and status (kept in the address); add, probe, relabel,
 * replace credentials and remove; each name leads to the cluster's own page.
 */
export default function ClustersPage() {
  const { t, format } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const filter = {
    search: params.get('search') ?? '',
    labels: params.get('labels') ?? '',
    status: (params.get('status') ?? '') as Cluster['status'] | '',
  };
  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters, refetchInterval: 10_000 });
  const shown = filterClusters(clusters.data?.items ?? [], filter);
  const now = Date.now();

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('clusters.title')}
        </Typography.Title>
        {can('clusters:write', 'platform') && (
          <Button type="primary" onClick={() => setParam('add', '1')}>
            {t('clusters.add')}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Space wrap style={{ marginBottom: 8 }}>
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('cluster.name')}
            defaultValue={filter.search}
            onSearch={(value) => setParam('search', value)}
          />
          <Input
            allowClear
            style={{ width: 260 }}
            placeholder={t('clusters.filterLabel')}
            value={filter.labels}
            onChange={(event) => setParam('labels', event.target.value)}
          />
          <Select
            style={{ width: 160 }}
            aria-label={t('clusters.filterStatus')}
            value={filter.status}
            onChange={(value) => setParam('status', value)}
            options={[
              { value: '', label: t('clusters.allStatuses') },
              ...STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) })),
            ]}
          />
          <Typography.Text type="secondary">
            {t('clusters.count', { count: format.number(shown.length) })}
          </Typography.Text>
        </Space>
        {clusters.error && <ErrorNotice error={clusters.error} onRetry={() => void clusters.refetch()} />}
        <Table<Cluster>
          size="small"
          rowKey="name"
          loading={clusters.isPending}
          dataSource={shown}
          locale={{ emptyText: t('clusters.empty') }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            {
              title: t('cluster.name'),
              key: 'name',
              sorter: (a, b) => a.name.localeCompare(b.name),
              render: (_, cluster) => (
                <Space orientation="vertical" size={0}>
                  <Link to={`/clusters/${encodeURIComponent(cluster.name)}`} style={{ fontWeight: 600 }}>
                    {cluster.displayName || cluster.name}
                  </Link>
                  {cluster.displayName && cluster.displayName !== cluster.name && (
                    <Typography.Text type="secondary">{cluster.name}</Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('cluster.status'),
              key: 'status',
              render: (_, cluster) => (
                <Tooltip title={cluster.reason ?? undefined}>
                  <span>
                    <StatusTag status={cluster.status} />
                  </span>
                </Tooltip>
              ),
            },
            { title: t('cluster.version'), key: 'version', render: (_, c) => c.version ?? '–' },
            {
              title: t('cluster.nodes'),
              key: 'nodes',
              render: (_, c) => (c.nodeCount === null ? '–' : format.number(c.nodeCount)),
            },
            {
              title: t('cluster.labels'),
              key: 'labels',
              render: (_, cluster) => (
                <Space size={[2, 2]} wrap>
                  {Object.entries(cluster.labels).map(([key, value]) => (
                    <Tag
                      key={key}
                      style={{ cursor: 'pointer' }}
                      onClick={() => setParam('labels', `${key}=${value}`)}
                    >
                      {key}={value}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('cluster.server'), key: 'server', ellipsis: true, render: (_, c) => c.serverUrl },
            {
              title: t('cluster.lastSeen'),
              key: 'lastSeen',
              render: (_, c) =>
                c.lastSeenAt ? (
                  <Tooltip title={format.dateTime(c.lastSeenAt)}>{format.ago(c.lastSeenAt, now)}</Tooltip>
                ) : (
                  t('time.never')
                ),
            },
            {
              title: t('cluster.actions'),
              key: 'actions',
              render: (_, cluster) => <ClusterActions cluster={cluster} variant="menu" />,
            },
          ]}
        />
      </Card>
      <AddClusterDrawer open={params.get('add') === '1'} onClose={() => setParam('add', undefined)} />
    </Flex>
  );
}
