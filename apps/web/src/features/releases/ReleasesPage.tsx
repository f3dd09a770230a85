import type { ClusterFreshness, StoredRelease } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Avatar,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { Link } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import { CrossClusterFilters } from '../../app/CrossClusterFilters.tsx';
import { CursorPager } from '../../app/CursorPager.tsx';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { useCursorPages } from '../../app/use-search-table.ts';
import { FreshnessMark } from '../workloads/Freshness.tsx';
import { NewerVersionTag } from './NewerVersionTag.tsx';
import { RELEASE_STATUSES, ReleaseStatusTag } from './ReleaseStatusTag.tsx';
import { releasePath, releasesApi } from './releases-api.ts';
import { PAGE_SIZES, releaseQuery, SORT_FIELDS, useReleaseFilters } from './use-release-filters.ts';

/** /releases: every Helm release on every cluster the caller may read, from the store. */
export default function ReleasesPage() {
  const { t, format } = useI18n();
  const [filters, change] = useReleaseFilters();
  const query = releaseQuery(filters);
  const pages = useCursorPages(JSON.stringify(query));
  const list = useQuery({
    queryKey: ['releases', 'list', query, pages.cursor ?? null],
    queryFn: () => releasesApi.list({ ...query, ...(pages.cursor ? { continue: pages.cursor } : {}) }),
    placeholderData: keepPreviousData,
  });
  // Helm writes a Secret per revision: any change to one may change a row.
  useLiveUpdates(['releases', 'list'], {
    kinds: ['secrets'],
    ...(filters.cluster ? { clusters: [filters.cluster] } : {}),
  });
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters });

  const answer = list.data;
  const rows = answer?.items ?? [];
  const freshness = new Map<string, ClusterFreshness>((answer?.clusters ?? []).map((c) => [c.name, c]));
  const behind = (answer?.clusters ?? []).filter((cluster) => cluster.status !== 'fresh');
  const first = pages.page * filters.size;
  const now = Date.now();
  const filtered = Boolean(
    filters.cluster || filters.namespace || filters.status || filters.outdated || filters.q,
  );
  const sortOrder = (field: string): SortOrder =>
    filters.sort === field ? (filters.order === 'desc' ? 'descend' : 'ascend') : null;

  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('releases.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('releases.intro')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex vertical gap={8}>
          <Space wrap>
            <CrossClusterFilters
              filters={filters}
              onChange={change}
              clusters={(clusters.data?.items ?? []).map((entry) => entry.name)}
              namespacesKey={['releases', 'namespaces']}
              search={{ placeholder: t('releases.search'), width: 260 }}
              labels={{
                cluster: t('releases.col.cluster'),
                allClusters: t('releases.allClusters'),
                namespace: t('releases.col.namespace'),
                allNamespaces: t('releases.allNamespaces'),
              }}
            />
            <Select
              style={{ width: 160 }}
              aria-label={t('releases.col.status')}
              value={filters.status}
              onChange={(value) => change({ status: value })}
              options={[
                { value: '', label: t('releases.anyStatus') },
                ...RELEASE_STATUSES.map((status) => ({
                  value: status,
                  label: <ReleaseStatusTag status={status} />,
                })),
              ]}
            />
            <Checkbox
              checked={filters.outdated}
              onChange={(event) => change({ outdated: event.target.checked ? '1' : undefined })}
            >
              {t('releases.outdatedOnly')}
            </Checkbox>
          </Space>
          {behind.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('releases.behind', { clusters: behind.map((cluster) => cluster.name).join(', ') })}
            />
          )}
          {answer?.catalogue === 'unavailable' && (
            <Alert type="info" showIcon title={t('releases.catalogueUnavailable')} />
          )}
          {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
          <Table<StoredRelease>
            size="small"
            rowKey={(row) => `${row.cluster}/${row.namespace}/${row.name}`}
            loading={list.isPending || list.isPlaceholderData}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? t('releases.empty') : t('releases.emptyAll')}
                >
                  {filtered && (
                    <Button
                      onClick={() =>
                        change({
                          cluster: undefined,
                          namespace: undefined,
                          status: undefined,
                          outdated: undefined,
                          q: undefined,
                        })
                      }
                    >
                      {t('releases.clearFilters')}
                    </Button>
                  )}
                </Empty>
              ),
            }}
            onChange={(_pagination, _filters, sorter) => {
              const one = Array.isArray(sorter) ? sorter[0] : sorter;
              const field = String(one?.columnKey ?? '');
              if (one?.order && (SORT_FIELDS as readonly string[]).includes(field))
                change({ sort: field, order: one.order === 'descend' ? 'desc' : 'asc' });
              else change({ sort: undefined, order: undefined });
            }}
            columns={[
              {
                title: t('releases.col.name'),
                key: 'name',
                sorter: true,
                sortOrder: sortOrder('name'),
                render: (_, row) => (
                  <Space size={6}>
                    <Avatar size={20} shape="square" src={row.icon ?? undefined}>
                      {row.chart.slice(0, 1).toUpperCase() || '?'}
                    </Avatar>
                    <Link to={releasePath(row)}>{row.name}</Link>
                  </Space>
                ),
              },
              {
                title: t('releases.col.cluster'),
                key: 'cluster',
                sorter: true,
                sortOrder: sortOrder('cluster'),
                render: (_, row) => (
                  <Space size={4}>
                    <Link to={`/clusters/${encodeURIComponent(row.cluster)}`}>{row.cluster}</Link>
                    <FreshnessMark freshness={freshness.get(row.cluster)} />
                  </Space>
                ),
              },
              {
                title: t('releases.col.namespace'),
                key: 'namespace',
                sorter: true,
                sortOrder: sortOrder('namespace'),
                render: (_, row) => row.namespace,
              },
              {
                title: t('releases.col.chart'),
                key: 'chart',
                sorter: true,
                sortOrder: sortOrder('chart'),
                render: (_, row) =>
                  row.decodeError ? (
                    <Tooltip title={t('releases.unreadable', { reason: row.decodeError })}>
                      <Typography.Text type="secondary">–</Typography.Text>
                    </Tooltip>
                  ) : (
                    <Space size={4} wrap>
                      <span>
                        {row.chart} <Typography.Text type="secondary">{row.chartVersion}</Typography.Text>
                      </span>
                      <NewerVersionTag release={row} />
                    </Space>
                  ),
              },
              {
                title: t('releases.col.appVersion'),
                key: 'appVersion',
                render: (_, row) => row.appVersion ?? '–',
              },
              {
                title: t('releases.col.status'),
                key: 'status',
                sorter: true,
                sortOrder: sortOrder('status'),
                render: (_, row) => <ReleaseStatusTag status={row.status} />,
              },
              {
                title: t('releases.col.revision'),
                key: 'revision',
                align: 'right',
                render: (_, row) => format.number(row.revision),
              },
              {
                title: t('releases.col.updated'),
                key: 'updated',
                sorter: true,
                sortOrder: sortOrder('updated'),
                render: (_, row) =>
                  row.updated ? (
                    <Tooltip title={format.dateTime(row.updated)}>{format.ago(row.updated, now)}</Tooltip>
                  ) : (
                    '–'
                  ),
              },
            ]}
          />
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text type="secondary" data-testid="releases-count">
              {rows.length
                ? t('releases.count', {
                    shown: `${format.number(first + 1)}–${format.number(first + rows.length)}`,
                    total: format.number(answer?.total ?? 0),
                  })
                : ''}
            </Typography.Text>
            <CursorPager
              pages={pages}
              next={answer?.continue}
              waiting={list.isPlaceholderData}
              size={filters.size}
              sizes={PAGE_SIZES}
              onSize={(size) => change({ size })}
              labels={{
                page: t('releases.page', { page: format.number(pages.page + 1) }),
                previous: t('releases.previous'),
                next: t('releases.next'),
                size: (size) => t('releases.pageSize', { size }),
              }}
            />
          </Flex>
        </Flex>
      </Card>
    </Flex>
  );
}
