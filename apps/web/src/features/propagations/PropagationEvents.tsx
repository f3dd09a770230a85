import type { PropagationEvent } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Flex, Select, Table, Tag, Tooltip, Typography, theme } from 'antd';
import { useState } from 'react';
import { CursorPager } from '../../app/CursorPager.tsx';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useCursorPages } from '../../app/use-search-table.ts';
import { eventReasonText, eventText } from './propagation-text.ts';
import { propagationsApi } from './propagations-api.ts';

const SIZES = [20, 50, 100] as const;

/** What happened to a propagation, newest first, a page at a time; one cluster's or every one's. */
export function PropagationEvents({ name, clusters }: { name: string; clusters: string[] }) {
  const words = useI18n();
  const { t, format } = words;
  const { token } = theme.useToken();
  const [cluster, setCluster] = useState('');
  const [size, setSize] = useState<number>(SIZES[0]);
  const pages = useCursorPages(`${cluster}/${size}`);
  const events = useQuery({
    queryKey: ['propagations', 'events', name, cluster, size, pages.cursor ?? null],
    queryFn: () =>
      propagationsApi.events(name, {
        limit: size,
        ...(cluster ? { cluster } : {}),
        ...(pages.cursor ? { cursor: pages.cursor } : {}),
      }),
    placeholderData: keepPreviousData,
    // The newest page follows what happens; older pages stay as they were read.
    refetchInterval: pages.page === 0 ? 5_000 : false,
  });
  const now = Date.now();
  return (
    <Flex vertical gap={8}>
      <Select
        style={{ width: 220 }}
        aria-label={t('propagations.col.cluster')}
        value={cluster}
        onChange={setCluster}
        options={[
          { value: '', label: t('propagations.allClusters') },
          ...clusters.map((value) => ({ value, label: value })),
        ]}
      />
      {events.error && <ErrorNotice error={events.error} onRetry={() => void events.refetch()} />}
      <Table<PropagationEvent>
        size="small"
        rowKey="id"
        pagination={false}
        loading={events.isPending || events.isPlaceholderData}
        dataSource={events.data?.items ?? []}
        data-testid="propagation-events"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('propagations.events.empty') }}
        columns={[
          {
            title: t('propagations.col.time'),
            render: (_, event) => (
              <Tooltip title={format.dateTime(event.time)}>{format.ago(event.time, now)}</Tooltip>
            ),
          },
          {
            title: t('propagations.col.type'),
            render: (_, event) => (
              <Tag color={event.type === 'Warning' ? 'warning' : 'default'} data-event-type={event.type}>
                {t(`propagations.eventType.${event.type}`)}
              </Tag>
            ),
          },
          {
            title: t('propagations.col.reason'),
            render: (_, event) => (
              <Typography.Text
                style={event.type === 'Warning' ? { color: token.colorWarningText } : undefined}
              >
                {eventReasonText(words, event.reason)}
              </Typography.Text>
            ),
          },
          { title: t('propagations.col.cluster'), render: (_, event) => event.cluster ?? '–' },
          { title: t('propagations.col.object'), render: (_, event) => event.object ?? '–' },
          {
            title: t('propagations.col.message'),
            render: (_, event) => <span data-event-message={event.id}>{eventText(words, event)}</span>,
          },
        ]}
      />
      <Flex justify="end">
        <CursorPager
          pages={pages}
          next={events.data?.nextCursor ?? undefined}
          waiting={events.isPlaceholderData}
          size={size}
          sizes={SIZES}
          onSize={setSize}
          labels={{
            previous: t('propagations.newer'),
            next: t('propagations.older'),
            size: (value) => t('propagations.pageSize', { size: value }),
          }}
        />
      </Flex>
    </Flex>
  );
}
