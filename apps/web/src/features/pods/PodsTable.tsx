import type { ClusterFreshness } from '@portolan/api';
import { keepPreviousData, useIsFetching, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Select, Space, Spin, Typography } from 'antd';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api/portolan.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { freshnessErrorText } from '../clusters/freshness-reason.ts';
import { PodFilterBar } from './PodFilterBar.tsx';
import { PodsGrid } from './PodsGrid.tsx';
import type { PodPage, PodQuery, PodRow } from './pod-rows.ts';
import { podsApi } from './pods-api.ts';
import { PAGE_SIZES, podQueryOf, podsListKey, usePodFilters } from './use-pod-filters.ts';

type Unfresh = 'stale' | 'syncing' | 'failed';

/**
 * The mark of a page being fetched again (a change arrived, or the next page), on its own: the list
 * does not render again as each refetch starts and ends, only when its answer differs.
 */
function Refetching({ hidden }: { hidden: boolean }) {
  const fetching = useIsFetching({ queryKey: ['pods', 'list'] });
  return <Spin size="small" spinning={fetching > 0 && !hidden} />;
}
const NO_ROWS: PodRow[] = [];

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
 * sort and paging are the server's, the grid renders only the rows in view, and the change stream
 * keeps the page current.
 */
export function PodsTable({ cluster }: { cluster?: string }) {
  const i18n = useI18n();
  const { t, format } = i18n;
  const [filters, change] = usePodFilters();
  const onSort = useCallback(
    (sort: PodQuery['sort'], order: PodQuery['order']) => change({ sort, order }),
    [change],
  );
  // The continue token of each page reached so far: page i is asked with cursors[i].
  const [paging, setPaging] = useState<{ of: string; cursors: (string | undefined)[] }>({
    of: '',
    cursors: [undefined],
  });
  const query = podQueryOf(filters, cluster);
  const filterKey = JSON.stringify(query);
  // A new filter or order starts again at the first page.
  const cursors = paging.of === filterKey ? paging.cursors : [undefined];
  const page = cursors.length - 1;
  const cursor = cursors[page];

  const pods = useQuery({
    queryKey: podsListKey(query, cursor),
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
  // Made again only when what they show changes: a page read again (live updates, every second or
  // so) renders the grid and these only if something in them changed.
  const empty = useMemo(
    () => (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={filtered ? t('pods.emptyFiltered') : t('pods.empty')}
      />
    ),
    [filtered, t],
  );
  const pageSize = useMemo(
    () => (
      <Select
        aria-label={t('pods.pageSize')}
        value={filters.size}
        onChange={(value) => change({ size: value })}
        options={PAGE_SIZES.map((size) => ({ value: size, label: t('pods.perPage', { count: size }) }))}
      />
    ),
    [filters.size, change, t],
  );

  const freshnessText = (entry: ClusterFreshness) =>
    [
      t(`pods.freshness.${entry.status as Unfresh}.long`, { cluster: entry.name }),
      entry.lastSeenAt ? t('pods.freshness.lastSeen', { when: format.ago(entry.lastSeenAt, now) }) : '',
      freshnessErrorText(t, entry),
    ]
      .filter(Boolean)
      .join(' · ');

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
        <Spin spinning={pods.isPending}>
          <PodsGrid
            rows={data?.rows ?? NO_ROWS}
            listKey={`${filterKey} ${cursor ?? ''}`}
            height={height}
            withCluster={!cluster}
            sort={filters.sort}
            order={filters.order}
            onSort={onSort}
            freshness={freshness}
            minute={Math.floor(now / 60_000)}
            i18n={i18n}
            empty={empty}
          />
        </Spin>
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
          <Refetching hidden={pods.isPending} />
        </Space>
        <Space>
          {pageSize}
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
