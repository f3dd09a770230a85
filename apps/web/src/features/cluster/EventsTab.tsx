import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Input, Select, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { clusterReasonText } from '../clusters/cluster-reason.ts';
import { clusterApi, type KubeObject } from './cluster-api.ts';
import { arrangeEvents, type EventRow, eventRow } from './event-model.ts';
import { FreshnessMark } from './FreshnessMark.tsx';

/** The newest events asked of the store, of every filter given. */
const LATEST = 1000;

/**
 * The cluster's events, Warning first: namespace, object, type and reason filter on the server over
 * every stored event (the store keeps an event's type as its status word), the newest 1,000 shown.
 * Beside them, the cluster's own health changes as Portolan saw them (GET /api/v1/clusters/{name}/events).
 */
export default function EventsTab({ cluster }: { cluster: string }) {
  const { t, format } = useI18n();
  const [params, setParams] = useSearchParams();
  const namespace = params.get('namespace') ?? '';
  const object = params.get('object') ?? '';
  const filter = { type: params.get('type') ?? '', reason: params.get('reason') ?? '' };
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
  const queryKey = ['cluster', cluster, 'events'];
  const events = useQuery({
    queryKey: [...queryKey, namespace, object, filter.type, filter.reason],
    queryFn: () =>
      clusterApi.search({
        kinds: 'events',
        clusters: cluster,
        namespaces: namespace || undefined,
        nameContains: object || undefined,
        phase: filter.type || undefined,
        reason: filter.reason || undefined,
        sort: 'created',
        order: 'desc',
        limit: LATEST,
      }),
    placeholderData: (previous) => previous,
    // Events churn on a busy cluster: read again every 15 s rather than on every change heard.
    refetchInterval: 15_000,
  });
  const health = useQuery({
    queryKey: ['cluster', cluster, 'health-events'],
    queryFn: () => clusterApi.healthEvents(cluster),
    refetchInterval: 15_000,
  });

  const all = (events.data?.items ?? []).map((item) => eventRow(item.object as KubeObject));
  const rows = arrangeEvents(all, filter);
  // Reasons offered: those seen on the events shown so far, and any reason typed (the server matches
  // it over every event, not only these).
  const [seen, setSeen] = useState<ReadonlySet<string>>(new Set());
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const found = (events.data?.items ?? []).map((item) => (item.object as { reason?: string }).reason ?? '');
    setSeen((known) =>
      found.every((reason) => !reason || known.has(reason))
        ? known
        : new Set([...known, ...found.filter(Boolean)]),
    );
  }, [events.data]);
  const reasons = [...new Set([...seen, typed.trim(), filter.reason].filter(Boolean))].sort();
  const now = Date.now();

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Space wrap style={{ marginBottom: 8 }}>
          <Select
            style={{ width: 150 }}
            aria-label={t('clusterPage.events.type')}
            value={filter.type}
            onChange={(value) => setParam('type', value)}
            options={[
              { value: '', label: t('clusterPage.events.allTypes') },
              { value: 'Warning', label: t('clusterPage.events.Warning') },
              { value: 'Normal', label: t('clusterPage.events.Normal') },
            ]}
          />
          <Input.Search
            allowClear
            style={{ width: 200 }}
            placeholder={t('clusterPage.namespace')}
            aria-label={t('clusterPage.namespace')}
            defaultValue={namespace}
            onSearch={(value) => setParam('namespace', value.trim())}
          />
          <Select
            allowClear
            showSearch
            style={{ width: 200 }}
            placeholder={t('clusterPage.events.reason')}
            aria-label={t('clusterPage.events.reason')}
            value={filter.reason || undefined}
            onSearch={setTyped}
            onChange={(value) => setParam('reason', value)}
            options={reasons.map((reason) => ({ value: reason, label: reason }))}
          />
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('clusterPage.events.object')}
            aria-label={t('clusterPage.events.object')}
            defaultValue={object}
            onSearch={(value) => setParam('object', value.trim())}
          />
          {events.data && (
            <Typography.Text type="secondary">
              {t(events.data.remaining > 0 ? 'clusterPage.events.newestOf' : 'clusterPage.events.count', {
                count: format.number(rows.length),
                total: format.number(all.length + events.data.remaining),
              })}
            </Typography.Text>
          )}
        </Space>
        <FreshnessMark freshness={events.data?.clusters.find((entry) => entry.name === cluster)} />
        {events.error && <ErrorNotice error={events.error} onRetry={() => void events.refetch()} />}
        <Table<EventRow>
          size="small"
          rowKey="uid"
          loading={events.isPending}
          dataSource={rows}
          virtual
          scroll={{ y: 560 }}
          pagination={false}
          locale={{ emptyText: t('clusterPage.events.empty') }}
          columns={[
            {
              title: t('clusterPage.events.type'),
              key: 'type',
              width: 90,
              render: (_, row) => (
                <Tag color={row.type === 'Warning' ? 'orange' : 'default'}>
                  {row.type === 'Warning' || row.type === 'Normal'
                    ? t(`clusterPage.events.${row.type}`)
                    : row.type}
                </Tag>
              ),
            },
            { title: t('clusterPage.events.reason'), key: 'reason', dataIndex: 'reason', width: 150 },
            {
              title: t('clusterPage.events.objectColumn'),
              key: 'object',
              dataIndex: 'object',
              width: 240,
              ellipsis: true,
            },
            { title: t('clusterPage.namespace'), key: 'namespace', dataIndex: 'namespace', width: 140 },
            {
              title: t('clusterPage.events.message'),
              key: 'message',
              dataIndex: 'message',
              ellipsis: { showTitle: true },
            },
            {
              title: t('clusterPage.events.countColumn'),
              key: 'count',
              width: 70,
              align: 'right',
              render: (_, row) => format.number(row.count),
            },
            {
              title: t('clusterPage.events.last'),
              key: 'last',
              width: 130,
              render: (_, row) =>
                row.lastAt ? (
                  <Tooltip title={format.dateTime(row.lastAt)}>{format.ago(row.lastAt, now)}</Tooltip>
                ) : (
                  '–'
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('clusterPage.events.health')}>
        {health.error ? (
          <Typography.Text type="secondary">{health.error.message}</Typography.Text>
        ) : (health.data?.items.length ?? 0) === 0 ? (
          <Typography.Text type="secondary">{t('clusterPage.events.noHealth')}</Typography.Text>
        ) : (
          <Timeline
            items={[...(health.data?.items ?? [])]
              .reverse()
              .slice(0, 20)
              .map((event) => ({
                color: event.to === 'Ready' ? 'green' : event.to === 'Offline' ? 'red' : 'gray',
                content: (
                  <span>
                    {t('clusterPage.events.healthChange', {
                      from: t(`status.${event.from}`),
                      to: t(`status.${event.to}`),
                      time: format.dateTime(event.at),
                    })}
                    {event.reason ? ` · ${clusterReasonText(t, event)}` : ''}
                  </span>
                ),
              }))}
          />
        )}
      </Card>
    </Flex>
  );
}
