import type { DeliveryView, ReceiverView } from '@portolan/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Modal, Result, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { notificationsApi } from './alerting-api.ts';
import { DeliveryAttempts } from './DeliveryAttempts.tsx';
import { ReceiverDrawer } from './ReceiverDrawer.tsx';
import { deliveryErrorText } from './reason-text.ts';

/** The sealed fields a receiver may have set, each named as its form names it. */
const SEALED_FIELDS = ['url', 'secret', 'headers', 'password'] as const;

/** Where a receiver sends: the URL's host (its path may hold a token) or the mail's addressees. */
function destinationOf(receiver: ReceiverView): string {
  if (receiver.type === 'email' && receiver.smtp)
    return `${receiver.smtp.host ?? ''}:${receiver.smtp.port ?? ''} → ${(receiver.smtp.to ?? []).join(', ')}`;
  return receiver.urlHost ?? '–';
}

/** Notification receivers: where each sends, its last delivery, Send test, edit and delete. */
export function ReceiversTab() {
  const { t, format } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ receiver?: ReceiverView }>();
  const [tested, setTested] = useState<{ name: string; delivery?: DeliveryView; error?: unknown }>();
  const receivers = useQuery({
    queryKey: ['notifications', 'receivers'],
    queryFn: notificationsApi.receivers,
  });
  const writer = can('notifications:write', 'platform');
  const test = useMutation({
    mutationFn: (name: string) => notificationsApi.testReceiver(name),
    onMutate: (name) => setTested({ name }),
    onSuccess: (delivery, name) => {
      setTested({ name, delivery });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
    onError: (error, name) => setTested({ name, error }),
  });
  const remove = useMutation({
    mutationFn: (name: string) => notificationsApi.removeReceiver(name),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
    onError: (error) => void message.error(error instanceof ApiError ? error.message : String(error)),
  });
  const confirmRemove = (receiver: ReceiverView) =>
    modal.confirm({
      title: t('alerting.receivers.deleteTitle', { name: receiver.name }),
      content: t('alerting.receivers.deleteBody'),
      okText: t('alerting.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(receiver.name),
    });
  const now = Date.now();

  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">{t('alerting.receivers.intro')}</Typography.Text>
          {writer && (
            <Button type="primary" onClick={() => setEditing({})}>
              {t('alerting.receivers.new')}
            </Button>
          )}
        </Flex>
        {receivers.error && <ErrorNotice error={receivers.error} onRetry={() => void receivers.refetch()} />}
        <Table<ReceiverView>
          size="small"
          rowKey="name"
          loading={receivers.isPending}
          dataSource={receivers.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerting.receivers.empty')} />
            ),
          }}
          columns={[
            {
              title: t('alerting.receivers.name'),
              key: 'name',
              render: (_, receiver) => (
                <Flex vertical data-receiver={receiver.name}>
                  <Typography.Text strong>{receiver.name}</Typography.Text>
                  {receiver.description && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {receiver.description}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              title: t('alerting.receivers.type'),
              key: 'type',
              render: (_, receiver) => <Tag>{t(`alerting.receivers.type.${receiver.type}`)}</Tag>,
            },
            {
              title: t('alerting.receivers.destination'),
              key: 'to',
              render: (_, receiver) => destinationOf(receiver),
            },
            {
              title: t('alerting.receivers.sealed'),
              key: 'set',
              render: (_, receiver) =>
                receiver.set.length
                  ? receiver.set.map((field) => (
                      <Tag key={field} color="default" data-sealed={field}>
                        {SEALED_FIELDS.includes(field as (typeof SEALED_FIELDS)[number])
                          ? t(`alerting.receivers.${field as (typeof SEALED_FIELDS)[number]}`)
                          : field}
                      </Tag>
                    ))
                  : '–',
            },
            {
              title: t('alerting.receivers.lastDelivery'),
              key: 'last',
              render: (_, receiver) =>
                receiver.lastDelivery ? (
                  <Tooltip
                    title={
                      deliveryErrorText(t, receiver.lastDelivery) ?? format.dateTime(receiver.lastDelivery.at)
                    }
                  >
                    <Space size={4}>
                      <Tag color={receiver.lastDelivery.ok ? 'success' : 'error'}>
                        {receiver.lastDelivery.ok
                          ? t('alerting.deliveries.ok')
                          : t('alerting.deliveries.failed')}
                      </Tag>
                      {format.ago(receiver.lastDelivery.at, now)}
                      {receiver.failingSince && (
                        <Typography.Text type="danger">
                          {t('alerting.receivers.failingSince', {
                            ago: format.ago(receiver.failingSince, now),
                          })}
                        </Typography.Text>
                      )}
                    </Space>
                  </Tooltip>
                ) : (
                  <Typography.Text type="secondary">{t('alerting.receivers.never')}</Typography.Text>
                ),
            },
            {
              title: '',
              key: 'actions',
              render: (_, receiver) =>
                writer && (
                  <Space size={4}>
                    <Button
                      size="small"
                      loading={test.isPending && test.variables === receiver.name}
                      onClick={() => test.mutate(receiver.name)}
                    >
                      {t('alerting.receivers.test')}
                    </Button>
                    <Button size="small" onClick={() => setEditing({ receiver })}>
                      {t('alerting.edit')}
                    </Button>
                    <Button size="small" danger onClick={() => confirmRemove(receiver)}>
                      {t('alerting.delete')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Flex>
      <ReceiverDrawer
        open={Boolean(editing)}
        receiver={editing?.receiver}
        onClose={() => setEditing(undefined)}
      />
      <Modal
        open={Boolean(tested)}
        onCancel={() => setTested(undefined)}
        footer={<Button onClick={() => setTested(undefined)}>{t('alerting.close')}</Button>}
        width={760}
        title={t('alerting.receivers.testTitle', { name: tested?.name ?? '' })}
      >
        {!tested?.delivery && !tested?.error && (
          <Result status="info" title={t('alerting.receivers.testing')} />
        )}
        {tested?.error !== undefined && <ErrorNotice error={tested.error} />}
        {tested?.delivery && (
          <Flex vertical gap={8} data-test-result={tested.delivery.ok ? 'ok' : 'failed'}>
            <Result
              status={tested.delivery.ok ? 'success' : 'error'}
              title={tested.delivery.ok ? t('alerting.receivers.testOk') : t('alerting.receivers.testFailed')}
              subTitle={deliveryErrorText(t, tested.delivery.attempts.at(-1) ?? {})}
              style={{ padding: 12 }}
            />
            <DeliveryAttempts delivery={tested.delivery} />
          </Flex>
        )}
      </Modal>
    </Card>
  );
}
