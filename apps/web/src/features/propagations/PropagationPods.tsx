import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CursorPager } from '../../app/CursorPager.tsx';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { useCursorPages } from '../../app/use-search-table.ts';
import { PodStatus } from '../pods/PodStatus.tsx';
import type { PodRow } from '../pods/pod-rows.ts';
import { podPagePath, podsApi } from '../pods/pods-api.ts';
import { FreshnessMark } from '../workloads/Freshness.tsx';

const SIZES = [20, 50, 100] as const;

/** The label Portolan puts on every applied object and pod template (packages/api/src/propagations.ts). */
export const PROPAGATION_LABEL = 'portolan.dev/propagation';

/** The propagation's pods on every cluster, found by its label, a page at a time; kept live. */
export function PropagationPods({ name }: { name: string }) {
  const { t, format } = useI18n();
  const [size, setSize] = useState<number>(SIZES[0]);
  const labelSelector = `${PROPAGATION_LABEL}=${name}`;
  const pages = useCursorPages(`${labelSelector}/${size}`);
  const pods = useQuery({
    queryKey: ['propagations', 'pods', name, size, pages.cursor ?? null],
    queryFn: ({ signal }) =>
      podsApi.search(
        { labelSelector, sort: 'cluster', limit: size, ...(pages.cursor ? { continue: pages.cursor } : {}) },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  useLiveUpdates(['propagations', 'pods', name], { kinds: ['pods'] });
  const freshness = new Map((pods.data?.clusters ?? []).map((cluster) => [cluster.name, cluster]));
  const rows = pods.data?.rows ?? [];
  const first = pages.page * size;
  return (
    <Flex vertical gap={8}>
      {pods.error && <ErrorNotice error={pods.error} onRetry={() => void pods.refetch()} />}
      <Table<PodRow>
        size="small"
        rowKey="key"
        pagination={false}
        loading={pods.isPending || pods.isPlaceholderData}
        dataSource={rows}
        data-testid="propagation-pods"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('propagations.pods.empty') }}
        columns={[
          {
            title: t('propagations.col.cluster'),
            render: (_, row) => (
              <Flex gap={4} align="center">
                {row.cluster}
                <FreshnessMark freshness={freshness.get(row.cluster)} />
              </Flex>
            ),
          },
          { title: t('propagations.col.namespace'), dataIndex: 'namespace' },
          {
            title: t('propagations.col.pod'),
            render: (_, row) => (
              <Link to={podPagePath(row.cluster, row.namespace, row.name)}>{row.name}</Link>
            ),
          },
          { title: t('propagations.col.phase'), render: (_, row) => <PodStatus text={row.status} /> },
          {
            title: t('propagations.col.ready'),
            align: 'right',
            render: (_, row) => `${format.number(row.ready)}/${format.number(row.total)}`,
          },
          {
            title: t('propagations.col.restarts'),
            align: 'right',
            render: (_, row) => format.number(row.restarts),
          },
          { title: t('propagations.col.node'), render: (_, row) => row.node ?? '–' },
        ]}
      />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          {rows.length
            ? t('propagations.pods.count', {
                shown: `${format.number(first + 1)}–${format.number(first + rows.length)}`,
                total: format.number(first + rows.length + (pods.data?.remaining ?? 0)),
              })
            : ''}
        </Typography.Text>
        <CursorPager
          pages={pages}
          next={pods.data?.continue}
          waiting={pods.isPlaceholderData}
          size={size}
          sizes={SIZES}
          onSize={setSize}
          labels={{
            previous: t('propagations.previous'),
            next: t('propagations.next'),
            size: (value) => t('propagations.pageSize', { size: value }),
          }}
        />
      </Flex>
    </Flex>
  );
}
