import type { ClusterFreshness } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Select, Space, Spin, Table, Tag, Typography, theme } from 'antd';
import type { ColumnsType, SortOrder } from 'antd/es/table/interface';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { PodFilterBar } from './PodFilterBar.tsx';
import { PodStatus } from './PodStatus.tsx';
import type { PodPage, PodQuery, PodRow } from './pod-rows.ts';
import { podPagePath, podsApi } from './pods-api.ts';
import { PAGE_SIZES, usePodFilters } from './use-pod-filters.ts';

const FRESHNESS_COLORS = { stale: 'warning', syncing: 'processing', failed: 'error' } as const;
type Unfresh = keyof typeof FRESHNESS_COLORS;

/**
 * For cells that read only their row (and context, which re-renders its own readers): kept as they
 * are while the row is the same object. A sort or filter re-renders the rows still shown with new
 * columns before the new page comes, and a page read again keeps its unchanged rows (the query
 * cache shares equal rows), so these cells skip that work.
 */
const rowChanged = (row: PodRow, previous: PodRow) => row !== previous;

/** Keeps the table's height to what is left of the window below it, so the page never scrolls twice. */
function useHeightBelow(min: number): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(min);
  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - 110)));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [min]);
  return [ref, height];
}

/**
 * Pods across clusters (or of one, `cluster`), a page at a time from GET /api/v1/search: filters,
 * sort and paging are the server's, the table renders only the rows in view (virtual), and the
 * change stream keeps the page current.
 */
export function PodsTable({ cluster }: { cluster?: string }) {
  const { t, format } = useI18n();
  const { token } = theme.useToken();
  const [filters, change] = usePodFilters();
  // The continue token of each page reached so far: page i is asked with cursors[i].
  const [paging, setPaging] = useState<{ of: string; cursors: (string | undefined)[] }>({
    of: '',
    cursors: [undefined],
  });
  const clusters = cluster ? [cluster] : filters.clusters;
  const query: PodQuery = {
    clusters,
    namespaces: filters.namespaces,
    nameContains: filters.nameContains,
    node: filters.node,
    phase: filters.phase,
    labelSelector: filters.labelSelector,
    limit: filters.size,
    ...(filters.sort ? { sort: filters.sort } : {}),
    ...(filters.order ? { order: filters.order } : {}),
  };
  const filterKey = JSON.stringify(query);
  // A new filter or order starts again at the first page.
  const cursors = paging.of === filterKey ? paging.cursors : [undefined];
  const page = cursors.length - 1;
  const cursor = cursors[page];

  const pods = useQuery({
    queryKey: ['pods', 'list', query, cursor ?? null],
    queryFn: ({ signal }) => podsApi.search({ ...query, ...(cursor ? { continue: cursor } : {}) }, signal),
    placeholderData: keepPreviousData,
  });
  useLiveUpdates(['pods', 'list'], { kinds: ['pods'], ...(cluster ? { clusters: [cluster] } : {}) });
  const clusterList = useQuery({
    queryKey: ['clusters'],
    queryFn: api.clusters,
    enabled: !cluster,
    staleTime: 30_000,
  });
  const clusterItems = clusterList.data?.items;
  const clusterNames = useMemo(() => (clusterItems ?? []).map((entry) => entry.name), [clusterItems]);
  const [ref, height] = useHeightBelow(320);

  const data: PodPage | undefined = pods.data;
  const first = page * filters.size;
  const shown = data?.rows.length ?? 0;
  const total = first + shown + (data?.remaining ?? 0);
  // Only each cluster's status marks the rows: times that move with every answer do not re-render them.
  const statuses = (data?.clusters ?? []).map((entry) => `${entry.name}=${entry.status}`).join(',');
  const freshness = useMemo(
    () =>
      new Map(
        statuses
          .split(',')
          .filter(Boolean)
          .map((pair) => pair.split('=') as [string, ClusterFreshness['status']]),
      ),
    [statuses],
  );
  const unfresh = (data?.clusters ?? []).filter((entry) => entry.status !== 'fresh');
  const filtered = Boolean(
    query.namespaces ||
      query.nameContains ||
      query.node ||
      query.phase?.length ||
      query.labelSelector ||
      filters.clusters.length,
  );
  const now = Date.now();

  const freshnessText = (entry: ClusterFreshness) =>
    [
      t(`pods.freshness.${entry.status as Unfresh}.long`, { cluster: entry.name }),
      entry.lastSeenAt ? t('pods.freshness.lastSeen', { when: format.ago(entry.lastSeenAt, now) }) : '',
      entry.error ?? '',
    ]
      .filter(Boolean)
      .join(' · ');

  // The columns change only with the language, the sort and the freshness of the answer: the rows,
  // scrolled through by the thousand, are kept to plain elements (a native title, not a Tooltip).
  const sortKey = `${filters.sort}:${filters.order}`;
  // Ages are written to the minute: the columns are made again at most once a minute for them.
  const minute = Math.floor(Date.now() / 60_000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: sortKey stands for the sort it is made from
  const columns = useMemo((): ColumnsType<PodRow> => {
    const sortOrder = (key: PodQuery['sort']): SortOrder =>
      filters.sort === key ? (filters.order === 'desc' ? 'descend' : 'ascend') : null;
    const now = minute * 60_000;
    const warning = { color: token.colorWarningText };
    return [
      ...(cluster
        ? []
        : [
            {
              title: t('pods.cluster'),
              key: 'cluster',
              width: 140,
              sorter: true,
              sortOrder: sortOrder('cluster'),
              render: (_: unknown, row: PodRow) => {
                const status = freshness.get(row.cluster);
                return (
                  <span>
                    {row.cluster}
                    {status && status !== 'fresh' && (
                      <Tag
                        color={FRESHNESS_COLORS[status]}
                        style={{ marginInlineStart: 4 }}
                        title={t(`pods.freshness.${status}.long`, { cluster: row.cluster })}
                      >
                        {t(`pods.freshness.${status}`)}
                      </Tag>
                    )}
                  </span>
                );
              },
            },
          ]),
      {
        title: t('pods.namespace'),
        key: 'namespace',
        width: 150,
        ellipsis: true,
        sorter: true,
        sortOrder: sortOrder('namespace'),
        shouldCellUpdate: rowChanged,
        render: (_, row) => row.namespace,
      },
      {
        title: t('pods.name'),
        key: 'name',
        width: 280,
        ellipsis: true,
        sorter: true,
        sortOrder: sortOrder('name'),
        shouldCellUpdate: rowChanged,
        render: (_, row) => <Link to={podPagePath(row.cluster, row.namespace, row.name)}>{row.name}</Link>,
      },
      {
        title: t('pods.status'),
        key: 'status',
        width: 160,
        shouldCellUpdate: rowChanged,
        render: (_, row) => <PodStatus text={row.status} />,
      },
      {
        title: t('pods.ready'),
        key: 'ready',
        width: 70,
        render: (_, row) => (
          <span style={row.ready < row.total ? warning : undefined}>
            {row.ready}/{row.total}
          </span>
        ),
      },
      {
        title: t('pods.restarts'),
        key: 'restarts',
        width: 90,
        render: (_, row) => (
          <span
            style={row.restarts > 0 ? warning : undefined}
            title={
              row.lastRestartAt
                ? t('pods.lastRestart', { when: format.ago(row.lastRestartAt, now) })
                : undefined
            }
          >
            {format.number(row.restarts)}
          </span>
        ),
      },
      {
        title: t('pods.node'),
        key: 'node',
        width: 150,
        ellipsis: true,
        shouldCellUpdate: rowChanged,
        render: (_, row) => row.node ?? '–',
      },
      {
        title: t('pods.age'),
        key: 'created',
        width: 110,
        sorter: true,
        sortOrder: sortOrder('created'),
        render: (_, row) =>
          row.createdAt ? <span title={row.createdAt}>{format.ago(row.createdAt, now)}</span> : '–',
      },
    ];
  }, [t, format, cluster, freshness, sortKey, token.colorWarningText, minute]);

  return (
    <Flex vertical gap={8}>
      <PodFilterBar cluster={cluster} filters={filters} change={change} clusterNames={clusterNames} />
      {unfresh.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('pods.freshness.notice', { count: unfresh.length })}
          description={unfresh.map((entry) => <div key={entry.name}>{freshnessText(entry)}</div>)}
        />
      )}
      {pods.error && <ErrorNotice error={pods.error} onRetry={() => void pods.refetch()} />}
      <div ref={ref}>
        <Table<PodRow>
          virtual
          size="small"
          rowKey="key"
          loading={pods.isPending}
          dataSource={data?.rows ?? []}
          pagination={false}
          scroll={{ x: cluster ? 1010 : 1150, y: height }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('pods.emptyFiltered') : t('pods.empty')}
              />
            ),
          }}
          onChange={(_pagination, _filters, sorter) => {
            const single = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = single?.order ? (single.columnKey as PodQuery['sort']) : undefined;
            change({ sort: key, order: key && single?.order === 'descend' ? 'desc' : undefined });
          }}
          columns={columns}
        />
      </div>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Typography.Text type="secondary" data-testid="pods-count">
            {shown === 0
              ? t('pods.countNone')
              : t(data?.estimated ? 'pods.countAbout' : 'pods.count', {
                  from: format.number(first + 1),
                  to: format.number(first + shown),
                  total: format.number(total),
                })}
          </Typography.Text>
          {/* A page being fetched again (a change arrived, or the next page): the rows stay meanwhile. */}
          <Spin size="small" spinning={pods.isFetching && !pods.isPending} />
        </Space>
        <Space>
          <Select
            aria-label={t('pods.pageSize')}
            value={filters.size}
            onChange={(value) => change({ size: value })}
            options={PAGE_SIZES.map((size) => ({ value: size, label: t('pods.perPage', { count: size }) }))}
          />
          <Button
            disabled={page === 0}
            onClick={() => setPaging({ of: filterKey, cursors: cursors.slice(0, -1) })}
          >
            {t('pods.previous')}
          </Button>
          <Button
            disabled={!data?.continue || pods.isPlaceholderData}
            onClick={() => setPaging({ of: filterKey, cursors: [...cursors, data?.continue] })}
          >
            {t('pods.next')}
          </Button>
        </Space>
      </Flex>
    </Flex>
  );
}
