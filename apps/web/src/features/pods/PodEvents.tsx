import { useQuery } from '@tanstack/react-query';
import { Table, Tag, Tooltip, Typography } from 'antd';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { type PodEvent, podsApi } from './pods-api.ts';

const timeOf = (event: PodEvent) =>
  event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? undefined;

/** The pod's events, newest first, from its cluster. */
export function PodEvents({
  cluster,
  namespace,
  name,
}: {
  cluster: string;
  namespace: string;
  name: string;
}) {
  const { t, format } = useI18n();
  const events = useQuery({
    queryKey: ['pods', 'events', cluster, namespace, name],
    queryFn: () => podsApi.events(cluster, namespace, name),
    refetchInterval: 10_000,
  });
  if (events.error) return <ErrorNotice error={events.error} onRetry={() => void events.refetch()} />;
  const now = Date.now();
  const items = [...(events.data?.items ?? [])].reverse();
  return (
    <Table<PodEvent>
      size="small"
      rowKey={(event, index) => `${timeOf(event)}-${event.reason}-${index}`}
      loading={events.isPending}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      dataSource={items}
      locale={{ emptyText: t('pods.noEvents') }}
      columns={[
        {
          title: t('pods.event.type'),
          key: 'type',
          width: 100,
          render: (_, event) => (
            <Tag color={event.type === 'Warning' ? 'warning' : 'default'}>
              {event.type === 'Warning' ? t('pods.event.warning') : t('pods.event.normal')}
            </Tag>
          ),
        },
        {
          title: t('pods.event.reason'),
          key: 'reason',
          width: 160,
          render: (_, event) => event.reason ?? '–',
        },
        {
          title: t('pods.event.message'),
          key: 'message',
          render: (_, event) => <Typography.Text>{event.message ?? ''}</Typography.Text>,
        },
        {
          title: t('pods.event.count'),
          key: 'count',
          width: 80,
          render: (_, event) => format.number(event.count ?? 1),
        },
        {
          title: t('pods.event.from'),
          key: 'from',
          width: 160,
          render: (_, event) => event.source?.component ?? event.reportingComponent ?? '–',
        },
        {
          title: t('pods.event.when'),
          key: 'when',
          width: 140,
          render: (_, event) => {
            const time = timeOf(event);
            return time ? <Tooltip title={format.dateTime(time)}>{format.ago(time, now)}</Tooltip> : '–';
          },
        },
      ]}
    />
  );
}
