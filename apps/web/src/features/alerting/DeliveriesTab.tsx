import type { DeliveryQuery, DeliveryView } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { notificationsApi } from './alerting-api.ts';
import { DeliveryAttempts, DeliveryTag } from './DeliveryAttempts.tsx';
import { ListPager, usePager } from './ListPager.tsx';
import { deliveryErrorText } from './reason-text.ts';

const SIZES = [25, 50, 100] as const;

/** The delivery log: every message to every receiver, filtered by receiver and result, attempts inside. */
export function DeliveriesTab() {
  const { t, format } = useI18n();
  const [receiver, setReceiver] = useState('');
  const [result, setResult] = useState<'' | 'ok' | 'failed'>('');
  const pager = usePager(SIZES, 50, { receiver, result });
  const query: DeliveryQuery = {
    ...(receiver ? { receiver } : {}),
    ...(result ? { ok: result === 'ok' } : {}),
    limit: pager.size,
    ...(pager.cursor ? { cursor: pager.cursor } : {}),
  };
  const deliveries = useQuery({
    queryKey: ['notifications', 'deliveries', query],
    queryFn: () => notificationsApi.deliveries(query),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const receivers = useQuery({
    queryKey: ['notifications', 'receivers'],
    queryFn: notificationsApi.receivers,
  });
  const now = Date.now();

  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Space wrap>
          <Select
            style={{ width: 200 }}
            aria-label={t('alerting.deliveries.receiver')}
            value={receiver}
            onChange={setReceiver}
            options={[
              { value: '', label: t('alerting.deliveries.anyReceiver') },
              ...(receivers.data?.items ?? []).map((item) => ({ value: item.name, label: item.name })),
            ]}
          />
          <Select
            style={{ width: 150 }}
            aria-label={t('alerting.deliveries.result')}
            value={result}
            onChange={setResult}
            options={[
              { value: '', label: t('alerting.deliveries.anyResult') },
              { value: 'ok', label: t('alerting.deliveries.ok') },
              { value: 'failed', label: t('alerting.deliveries.failed') },
            ]}
          />
        </Space>
        {deliveries.error && (
          <ErrorNotice error={deliveries.error} onRetry={() => void deliveries.refetch()} />
        )}
        <Table<DeliveryView>
          size="small"
          rowKey="id"
          loading={deliveries.isPending || deliveries.isPlaceholderData}
          dataSource={deliveries.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (delivery) => <DeliveryAttempts delivery={delivery} /> }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerting.deliveries.empty')} />
            ),
          }}
          columns={[
            {
              title: t('alerting.deliveries.at'),
              key: 'at',
              render: (_, delivery) => (
                <Tooltip title={format.dateTime(delivery.at)}>{format.ago(delivery.at, now)}</Tooltip>
              ),
            },
            { title: t('alerting.deliveries.receiver'), dataIndex: 'receiver', key: 'receiver' },
            {
              title: t('alerting.deliveries.kind'),
              key: 'kind',
              render: (_, delivery) =>
                delivery.kind ? <Tag>{t(`alerting.deliveries.kind.${delivery.kind}`)}</Tag> : '–',
            },
            {
              title: t('alerting.deliveries.result'),
              key: 'ok',
              render: (_, delivery) => <DeliveryTag delivery={delivery} />,
            },
            {
              title: t('alerting.deliveries.title'),
              key: 'title',
              render: (_, delivery) =>
                delivery.title ?? t('alerting.deliveries.alerts', { count: delivery.alerts.length }),
            },
            {
              title: t('alerting.deliveries.policy'),
              key: 'policy',
              render: (_, delivery) => delivery.policy ?? '–',
            },
            {
              title: t('alerting.deliveries.attempts'),
              key: 'attempts',
              align: 'right',
              render: (_, delivery) => format.number(delivery.attempts.length),
            },
            {
              title: t('alerting.deliveries.error'),
              key: 'error',
              render: (_, delivery) => {
                const error = deliveryErrorText(t, delivery.attempts.at(-1) ?? {});
                return error && !delivery.ok ? (
                  <Typography.Text type="danger" ellipsis={{ tooltip: error }} style={{ maxWidth: 320 }}>
                    {error}
                  </Typography.Text>
                ) : (
                  '–'
                );
              },
            },
          ]}
        />
        <ListPager pager={pager} next={deliveries.data?.next} waiting={deliveries.isPlaceholderData} />
      </Flex>
    </Card>
  );
}
