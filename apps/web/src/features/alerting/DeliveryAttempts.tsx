import type { DeliveryView } from '@portolan/api';
import { Table, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { deliveryErrorText } from './reason-text.ts';

/** Whether a delivery went out: ok, failed or still being retried. */
export function DeliveryTag({ delivery }: { delivery: DeliveryView }) {
  const { t } = useI18n();
  if (delivery.pending) return <Tag color="processing">{t('alerting.deliveries.pending')}</Tag>;
  return (
    <Tag color={delivery.ok ? 'success' : 'error'} data-delivery={delivery.ok ? 'ok' : 'failed'}>
      {delivery.ok ? t('alerting.deliveries.ok') : t('alerting.deliveries.failed')}
    </Tag>
  );
}

/** Every attempt of one delivery: when, its status (HTTP or SMTP), how long, and its error. */
export function DeliveryAttempts({ delivery }: { delivery: DeliveryView }) {
  const { t, format } = useI18n();
  return (
    <Table
      size="small"
      rowKey={(attempt) => attempt.at}
      pagination={false}
      dataSource={delivery.attempts}
      columns={[
        {
          title: t('alerting.deliveries.attempt'),
          key: 'n',
          width: 60,
          render: (_, __, index) => format.number(index + 1),
        },
        {
          title: t('alerting.deliveries.at'),
          key: 'at',
          render: (_, attempt) => format.dateTime(attempt.at),
        },
        {
          title: t('alerting.deliveries.result'),
          key: 'ok',
          render: (_, attempt) => (
            <Tag color={attempt.ok ? 'success' : 'error'}>
              {attempt.ok ? t('alerting.deliveries.ok') : t('alerting.deliveries.failed')}
              {attempt.status !== undefined ? ` · ${attempt.status}` : ''}
            </Tag>
          ),
        },
        {
          title: t('alerting.deliveries.duration'),
          key: 'duration',
          align: 'right',
          render: (_, attempt) =>
            attempt.durationMs === undefined
              ? '–'
              : t('alerting.ms', { n: format.number(attempt.durationMs) }),
        },
        {
          title: t('alerting.deliveries.error'),
          key: 'error',
          render: (_, attempt) =>
            attempt.error ? (
              <Typography.Text type="danger" data-attempt-error>
                {deliveryErrorText(t, attempt)}
              </Typography.Text>
            ) : (
              '–'
            ),
        },
      ]}
    />
  );
}
