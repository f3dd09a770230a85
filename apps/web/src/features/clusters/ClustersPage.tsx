import { CLUSTER_STATUSES, type ClusterListQuery } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Select, Space, Table, Tag, Tooltip, Typography, theme } from 'antd';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import type { Cluster } from '../../api/types.ts';
import { AddressSearch } from '../../app/AddressSearch.tsx';
import { CursorPager } from '../../app/CursorPager.tsx';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useCursorPages } from '../cluster/cursor-pages.ts';
import { CreateClusterButton } from '../lifecycle/LifecycleLinks.tsx';
import { AddClusterDrawer } from './AddClusterDrawer.tsx';
import { ClusterActions } from './ClusterActions.tsx';
import { clusterReasonText } from './cluster-reason.ts';
import { listClusters } from './clusters-api.ts';
import { StatusTag } from './StatusTag.tsx';
import { PAGE_SIZES, useClusterFilters } from './use-cluster-filters.ts';

/**
 * The registered clusters: name search, label selector, statuses, sort and paging are the server's
 * (GET /api/v1/clusters), kept in the address; add, probe, relabel, replace credentials and remove;
 * each name leads to the cluster's own page.
 */
export default function ClustersPage() {
  const { t, format } = useI18n();
  const { token } = theme.useToken();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [filters, change] = useClusterFilters();
  const query: ClusterListQuery = {
    ...(filters.search ? { q: filters.search } : {}),
    ...(filters.labels ? { labelSelector: filters.labels } : {}),
    ...(filters.statuses.length ? { status: filters.statuses.join(',') } : {}),
    ...(filters.sort ? { sort: filters.sort } : {}),
    ...(filters.order ? { order: filters.order } : {}),
    limit: filters.size,
  };
  const pages = useCursorPages(JSON.stringify(query));
  const clusters = useQuery({
    queryKey: ['clusters', 'list', query, pages.cursor ?? null],
    queryFn: () => listClusters({ ...query, ...(pages.cursor ? { continue: pages.cursor } : {}) }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
  const setAdding = (open: boolean) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (open) next.set('add', '1');
        else next.delete('add');
        return next;
      },
      { replace: true },
    );

  // A refused selector is shown on its own field, in the server's words; other failures above the table.
  const refusal = clusters.error instanceof ApiError ? clusters.error : undefined;
  const selectorError = refusal?.field === 'labelSelector' ? refusal.message : undefined;
  const answer = clusters.error ? undefined : clusters.data;
  const rows = answer?.items ?? [];
  const first = pages.page * filters.size;
  const filtered = Boolean(filters.search || filters.labels || filters.statuses.length);
  const now = Date.now();
  const sortOrder = (field: string): SortOrder =>
    filters.sort === field ? (filters.order === 'desc' ? 'descend' : 'ascend') : null;
  const clear = () => change({ search: undefined, labels: undefined, statuses: undefined });

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('clusters.title')}
        </Typography.Title>
        <Space>
          {can('lifecycle:write', 'platform') && <CreateClusterButton />}
          {can('clusters:write', 'platform') && (
            <Button type="primary" onClick={() => setAdding(true)}>
              {t('clusters.add')}
            </Button>
          )}
        </Space>
      </Flex>
      <Card size="small">
        <Flex wrap gap={8} align="flex-start" style={{ marginBottom: 8 }}>
          <AddressSearch
            allowClear
            style={{ width: 220 }}
            placeholder={t('clusterList.search')}
            aria-label={t('clusterList.search')}
            value={filters.search}
            onFilter={(value) => change({ search: value })}
          />
          <Flex vertical gap={2} style={{ width: 320 }}>
            <Tooltip title={t('clusterList.selectorHelp')} placement="bottom">
              <AddressSearch
                allowClear
                id="cluster-label-selector"
                status={selectorError ? 'error' : undefined}
                placeholder={t('clusterPage.filterSelector')}
                aria-label={t('clusterPage.filterSelector')}
                value={filters.labels}
                spellCheck={false}
                submitOnBlur
                onFilter={(value) => change({ labels: value })}
              />
            </Tooltip>
            {selectorError && (
              <Typography.Text type="danger" role="alert" style={{ fontSize: token.fontSizeSM }}>
                {selectorError}
              </Typography.Text>
            )}
          </Flex>
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 200 }}
            aria-label={t('clusters.filterStatus')}
            placeholder={t('clusters.allStatuses')}
            value={filters.statuses}
            onChange={(value) => change({ statuses: value.join(',') })}
            options={CLUSTER_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          />
          {filtered && <Button onClick={clear}>{t('clusterList.clearFilters')}</Button>}
        </Flex>
        {clusters.error && !selectorError && (
          <ErrorNotice error={clusters.error} onRetry={() => void clusters.refetch()} />
        )}
        <Table<Cluster>
          size="small"
          rowKey="name"
          loading={clusters.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('clusters.empty') : t('clusterList.none')}
              >
                {filtered && <Button onClick={clear}>{t('clusterList.clearFilters')}</Button>}
              </Empty>
            ),
          }}
          onChange={(_pagination, _filters, sorter) => {
            const chosen = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Cluster>;
            const field = chosen?.order ? String(chosen.columnKey) : undefined;
            change({ sort: field, order: field && chosen.order === 'descend' ? 'desc' : undefined });
          }}
          columns={[
            {
              title: t('cluster.name'),
              key: 'name',
              sorter: true,
              sortOrder: sortOrder('name'),
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
              sorter: true,
              sortOrder: sortOrder('status'),
              render: (_, cluster) => (
                <Tooltip title={clusterReasonText(t, cluster) || undefined}>
                  <span>
                    <StatusTag status={cluster.status} />
                  </span>
                </Tooltip>
              ),
            },
            {
              title: t('cluster.version'),
              key: 'version',
              sorter: true,
              sortOrder: sortOrder('version'),
              render: (_, c) => c.version ?? '–',
            },
            {
              title: t('cluster.nodes'),
              key: 'nodes',
              sorter: true,
              sortOrder: sortOrder('nodes'),
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
                      onClick={() => change({ labels: `${key}=${value}` })}
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
              title: t('clusterList.added'),
              key: 'created',
              sorter: true,
              sortOrder: sortOrder('created'),
              render: (_, c) => (
                <Tooltip title={format.dateTime(c.createdAt)}>{format.ago(c.createdAt, now)}</Tooltip>
              ),
            },
            {
              title: t('cluster.actions'),
              key: 'actions',
              render: (_, cluster) => <ClusterActions cluster={cluster} variant="menu" />,
            },
          ]}
        />
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" data-testid="clusters-count">
            {answer
              ? rows.length
                ? t('clusterPage.range', {
                    first: format.number(first + 1),
                    last: format.number(first + rows.length),
                    total: format.number(answer.total),
                  })
                : t('clusters.count', { count: format.number(answer.total) })
              : ''}
          </Typography.Text>
          <CursorPager
            pages={pages}
            next={answer?.continue ?? undefined}
            waiting={clusters.isPlaceholderData}
            size={filters.size}
            sizes={PAGE_SIZES}
            onSize={(size) => change({ size })}
            labels={{
              previous: t('clusterPage.previous'),
              next: t('clusterPage.next'),
              size: (size) => t('clusterList.pageSize', { size }),
            }}
          />
        </Flex>
      </Card>
      <AddClusterDrawer open={params.get('add') === '1'} onClose={() => setAdding(false)} />
    </Flex>
  );
}
