import type { ClusterFreshness } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import { CrossClusterFilters } from '../../app/CrossClusterFilters.tsx';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { FreshnessMark, FreshnessNotices } from './Freshness.tsx';
import { HealthTag } from './HealthTag.tsx';
import { PAGE_SIZES, useWorkloadFilters } from './use-workload-filters.ts';
import {
  HEALTH_FILTERS,
  isSortField,
  type ListFilter,
  type Replicas,
  WORKLOAD_KINDS,
  WORKLOAD_TYPES,
  type WorkloadRow,
  workloadKind,
  workloadPath,
  workloadRow,
} from './workload-model.ts';
import { workloadsApi } from './workloads-api.ts';

/**
 * Every workload the caller may see, on every cluster or on one (`cluster`): filters, name search,
 * sort and paging are the server's (GET /api/v1/search); health in words is judged from each stored
 * object; rows of a cluster that is not current are marked.
 */
export function WorkloadsTable({ cluster }: { cluster?: string }) {
  const { t, format } = useI18n();
  const [filters, change] = useWorkloadFilters();
  const clusterFilter = cluster ?? filters.cluster;
  const query: ListFilter = {
    ...(clusterFilter ? { clusters: [clusterFilter] } : {}),
    ...(filters.namespace ? { namespace: filters.namespace } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.health ? { health: filters.health } : {}),
    ...(filters.q ? { nameContains: filters.q } : {}),
    ...(filters.sort ? { sort: filters.sort } : {}),
    ...(filters.order ? { order: filters.order } : {}),
    limit: filters.size,
  };
  const filterKey = JSON.stringify(query);
  // The continue token of each page reached so far: page i is asked with cursors[i].
  const [paging, setPaging] = useState<{ of: string; cursors: (string | undefined)[] }>({
    of: '',
    cursors: [undefined],
  });
  const cursors = paging.of === filterKey ? paging.cursors : [undefined];
  const page = cursors.length - 1;
  const cursor = cursors[page];

  const list = useQuery({
    queryKey: ['workloads', 'list', query, cursor ?? null],
    queryFn: () => workloadsApi.search({ ...query, ...(cursor ? { continue: cursor } : {}) }),
    placeholderData: keepPreviousData,
  });
  useLiveUpdates(['workloads', 'list'], {
    kinds: [...WORKLOAD_TYPES],
    ...(clusterFilter ? { clusters: [clusterFilter] } : {}),
  });
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters, enabled: !cluster });

  const answer = list.data;
  const rows = (answer?.items ?? []).map(workloadRow);
  const freshness = new Map<string, ClusterFreshness>((answer?.clusters ?? []).map((c) => [c.name, c]));
  const first = page * filters.size;
  const total = first + rows.length + (answer?.remaining ?? 0);
  const now = Date.now();
  const filtered = Boolean(
    filters.namespace || filters.kind || filters.health || filters.q || filters.cluster,
  );
  const sortOrder = (field: string): SortOrder =>
    filters.sort === field ? (filters.order === 'desc' ? 'descend' : 'ascend') : null;

  const replicasText = (replicas: Replicas) => {
    if (replicas.type === 'pods')
      return `${format.number(replicas.ready)}/${format.number(replicas.desired)}`;
    if (replicas.type === 'completions')
      return t('workloads.completions', { succeeded: replicas.succeeded, completions: replicas.completions });
    return t('workloads.activeJobs', { count: format.number(replicas.active) });
  };

  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <CrossClusterFilters
          filters={{ ...filters, cluster: clusterFilter }}
          onChange={change}
          {...(cluster ? {} : { clusters: (clusters.data?.items ?? []).map((entry) => entry.name) })}
          namespacesKey={['workloads', 'namespaces']}
          search={{ placeholder: t('workloads.search'), width: 220 }}
          labels={{
            cluster: t('workloads.col.cluster'),
            allClusters: t('workloads.allClusters'),
            namespace: t('workloads.col.namespace'),
            allNamespaces: t('workloads.allNamespaces'),
          }}
        />
        <Select
          style={{ width: 150 }}
          aria-label={t('workloads.col.kind')}
          value={filters.kind ? workloadKind(filters.kind)?.plural : ''}
          onChange={(value) => change({ kind: value })}
          options={[
            { value: '', label: t('workloads.allKinds') },
            ...WORKLOAD_KINDS.map((kind) => ({ value: kind.plural, label: kind.kind })),
          ]}
        />
        <Select
          style={{ width: 160 }}
          aria-label={t('workloads.col.health')}
          value={filters.health ?? ''}
          onChange={(value) => change({ health: value })}
          options={[
            { value: '', label: t('workloads.anyHealth') },
            ...HEALTH_FILTERS.map((state) => ({ value: state, label: t(`workloads.health.${state}`) })),
          ]}
        />
      </Space>
      {answer && (
        // The cluster page says itself when its cluster is offline; syncing or failing it does not.
        <FreshnessNotices
          clusters={cluster ? answer.clusters.filter((entry) => entry.status !== 'stale') : answer.clusters}
        />
      )}
      {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      <Table<WorkloadRow>
        size="small"
        rowKey="key"
        loading={list.isPending || list.isPlaceholderData}
        dataSource={rows}
        pagination={false}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filtered ? t('workloads.empty') : t('workloads.emptyAll')}
            >
              {filtered && (
                <Button
                  onClick={() =>
                    change({
                      cluster: undefined,
                      namespace: undefined,
                      kind: undefined,
                      health: undefined,
                      q: undefined,
                    })
                  }
                >
                  {t('workloads.clearFilters')}
                </Button>
              )}
            </Empty>
          ),
        }}
        onChange={(_pagination, _filters, sorter) => {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          const field = String(one?.columnKey ?? '');
          if (one?.order && isSortField(field))
            change({ sort: field, order: one.order === 'descend' ? 'desc' : 'asc' });
          else change({ sort: undefined, order: undefined });
        }}
        columns={[
          {
            title: t('workloads.col.name'),
            key: 'name',
            sorter: true,
            sortOrder: sortOrder('name'),
            render: (_, row) => <Link to={workloadPath(row)}>{row.name}</Link>,
          },
          ...(cluster
            ? []
            : [
                {
                  title: t('workloads.col.cluster'),
                  key: 'cluster',
                  sorter: true,
                  sortOrder: sortOrder('cluster'),
                  render: (_: unknown, row: WorkloadRow) => (
                    <Space size={4}>
                      <Link to={`/clusters/${encodeURIComponent(row.cluster)}`}>{row.cluster}</Link>
                      <FreshnessMark freshness={freshness.get(row.cluster)} />
                    </Space>
                  ),
                },
              ]),
          {
            title: t('workloads.col.namespace'),
            key: 'namespace',
            sorter: true,
            sortOrder: sortOrder('namespace'),
            render: (_, row) => row.namespace,
          },
          { title: t('workloads.col.kind'), key: 'kind', render: (_, row) => row.kind },
          {
            title: t('workloads.col.health'),
            key: 'health',
            render: (_, row) => (
              <Space size={4}>
                <HealthTag health={row.health} kind={row.kind} object={row.object} />
                {cluster && <FreshnessMark freshness={freshness.get(row.cluster)} />}
              </Space>
            ),
          },
          {
            title: t('workloads.col.replicas'),
            key: 'replicas',
            render: (_, row) => <span data-replicas>{replicasText(row.replicas)}</span>,
          },
          {
            title: t('workloads.col.images'),
            key: 'images',
            ellipsis: true,
            render: (_, row) => (
              <Tooltip title={row.images.join(', ')}>
                <Space size={2}>
                  <Typography.Text code>{row.images[0] ?? '–'}</Typography.Text>
                  {row.images.length > 1 && <Tag>+{row.images.length - 1}</Tag>}
                </Space>
              </Tooltip>
            ),
          },
          {
            title: t('workloads.col.age'),
            key: 'created',
            sorter: true,
            sortOrder: sortOrder('created'),
            render: (_, row) =>
              row.createdAt ? (
                <Tooltip title={format.dateTime(row.createdAt)}>{format.ago(row.createdAt, now)}</Tooltip>
              ) : (
                '–'
              ),
          },
        ]}
      />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" data-testid="workloads-count">
          {rows.length
            ? t(answer?.estimated ? 'workloads.countEstimated' : 'workloads.count', {
                shown: `${format.number(first + 1)}–${format.number(first + rows.length)}`,
                total: format.number(total),
              })
            : ''}
        </Typography.Text>
        <Space>
          <Typography.Text type="secondary">
            {t('workloads.page', { page: format.number(page + 1) })}
          </Typography.Text>
          <Button
            disabled={page === 0}
            onClick={() => setPaging({ of: filterKey, cursors: cursors.slice(0, -1) })}
          >
            {t('workloads.previous')}
          </Button>
          <Button
            disabled={!answer?.continue || list.isPlaceholderData}
            onClick={() => setPaging({ of: filterKey, cursors: [...cursors, answer?.continue] })}
          >
            {t('workloads.next')}
          </Button>
          <Select
            aria-label={t('workloads.pageSize', { size: filters.size })}
            value={filters.size}
            onChange={(value) => change({ size: value })}
            options={PAGE_SIZES.map((size) => ({ value: size, label: t('workloads.pageSize', { size }) }))}
          />
        </Space>
      </Flex>
    </Flex>
  );
}
