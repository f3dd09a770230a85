import type { SilenceView } from '@portolan/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { Fragment, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { alertingApi } from './alerting-api.ts';
import { SilenceModal } from './SilenceModal.tsx';

const STATES = ['active', 'pending', 'expired', 'all'] as const;
const STATE_COLORS: Record<SilenceView['state'], string> = {
  active: 'processing',
  pending: 'default',
  expired: 'default',
};

/** The cluster/namespace a silence's matchers name, for asking whether the caller may expire it. */
function scopeOf(silence: SilenceView) {
  const equal = (label: string) =>
    silence.matchers.find((matcher) => matcher.label === label && matcher.op === '=')?.value;
  const cluster = equal('cluster');
  const namespace = equal('namespace');
  return cluster ? { cluster, ...(namespace ? { namespace } : {}) } : ('platform' as const);
}

/** Silences: active, pending and expired, with how many alerts each holds back; new; expire. */
export function SilencesTab() {
  const { t, format } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [state, setState] = useState<(typeof STATES)[number]>('active');
  const [creating, setCreating] = useState(false);
  const silences = useQuery({
    queryKey: ['alerting', 'silences', state],
    queryFn: () => alertingApi.silences(state === 'all' ? undefined : state),
    refetchInterval: 15_000,
  });
  const expire = useMutation({
    mutationFn: (silence: SilenceView) => alertingApi.expireSilence(silence.id),
    onSuccess: () => {
      void message.success(t('alerting.silences.expired'));
      void queryClient.invalidateQueries({ queryKey: ['alerting'] });
    },
    onError: (error) => void message.error(error instanceof ApiError ? error.message : String(error)),
  });
  const confirmExpire = (silence: SilenceView) =>
    modal.confirm({
      title: t('alerting.silences.expireTitle', { comment: silence.comment }),
      content: t('alerting.silences.expireBody', { count: silence.silencing ?? 0 }),
      okText: t('alerting.silences.expire'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => expire.mutateAsync(silence),
    });
  const now = Date.now();

  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Flex justify="space-between" wrap gap={8}>
          <Segmented
            aria-label={t('alerting.col.state')}
            value={state}
            onChange={(value) => setState(value as (typeof STATES)[number])}
            options={STATES.map((value) => ({ value, label: t(`alerting.silences.state.${value}`) }))}
          />
          {can('alerts:write', { somewhere: true }) && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('alerting.silences.new')}
            </Button>
          )}
        </Flex>
        {silences.error && <ErrorNotice error={silences.error} onRetry={() => void silences.refetch()} />}
        <Table<SilenceView>
          size="small"
          rowKey="id"
          loading={silences.isPending}
          dataSource={silences.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerting.silences.empty')} />
            ),
          }}
          columns={[
            {
              title: t('alerting.silences.matchers'),
              key: 'matchers',
              render: (_, silence) =>
                silence.matchers.map((matcher) => (
                  <Fragment key={`${matcher.label}${matcher.op}${matcher.value}`}>
                    <Tag
                      style={{ marginBlock: 2 }}
                    >{`${matcher.label}${matcher.op}${matcher.value}`}</Tag>{' '}
                  </Fragment>
                )),
            },
            {
              title: t('alerting.silences.comment'),
              dataIndex: 'comment',
              key: 'comment',
              render: (comment: string) => <span data-silence={comment}>{comment}</span>,
            },
            {
              title: t('alerting.col.state'),
              key: 'state',
              render: (_, silence) => (
                <Tag color={STATE_COLORS[silence.state]} data-state={silence.state}>
                  {t(`alerting.silences.state.${silence.state}`)}
                </Tag>
              ),
            },
            {
              title: t('alerting.silences.holding'),
              key: 'silencing',
              align: 'right',
              render: (_, silence) => format.number(silence.silencing ?? 0),
            },
            {
              title: t('alerting.silences.window'),
              key: 'window',
              render: (_, silence) => (
                <Tooltip title={`${format.dateTime(silence.startsAt)} – ${format.dateTime(silence.endsAt)}`}>
                  {silence.state === 'pending'
                    ? t('alerting.silences.startsIn', { ago: format.ago(silence.startsAt, now) })
                    : silence.state === 'active'
                      ? t('alerting.silences.endsIn', { ago: format.ago(silence.endsAt, now) })
                      : t('alerting.silences.endedAgo', { ago: format.ago(silence.endsAt, now) })}
                </Tooltip>
              ),
            },
            { title: t('alerting.createdBy'), dataIndex: 'createdBy', key: 'createdBy' },
            {
              title: '',
              key: 'actions',
              render: (_, silence) =>
                silence.state !== 'expired' && can('alerts:write', scopeOf(silence)) ? (
                  <Button danger size="small" onClick={() => confirmExpire(silence)}>
                    {t('alerting.silences.expire')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary" />
                ),
            },
          ]}
        />
      </Flex>
      <SilenceModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
