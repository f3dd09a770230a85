import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Flex, Skeleton, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { alertingApi } from './alerting-api.ts';
import { useHeldBack } from './held-back.ts';
import { alertText, eventDetailText } from './reason-text.ts';
import { SilenceModal } from './SilenceModal.tsx';
import { AlertStateTag, LabelTags, LevelTag } from './tags.tsx';

const EVENT_COLORS: Record<string, string> = {
  firing: 'red',
  'notify-failed': 'red',
  resolved: 'green',
  notified: 'blue',
  pending: 'gray',
};

/** One alert: its labels, value and summary, why it is held back, its timeline, and Silence…. */
export function AlertDrawer({ id, onClose }: { id: string | undefined; onClose(): void }) {
  const { t, format } = useI18n();
  const can = useCan();
  const heldBack = useHeldBack();
  const [silencing, setSilencing] = useState(false);
  const alert = useQuery({
    queryKey: ['alerting', 'alert', id],
    queryFn: () => alertingApi.alert(id ?? ''),
    enabled: Boolean(id),
    refetchInterval: 10_000,
  });
  const view = alert.data;
  const text = view ? alertText(t, view, format.dateTime) : undefined;
  const now = Date.now();
  const scope = view?.labels.cluster
    ? { cluster: view.labels.cluster, ...(view.labels.namespace ? { namespace: view.labels.namespace } : {}) }
    : ('platform' as const);
  const writer = can('alerts:write', scope);

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      size={640}
      title={view ? text?.summary || view.rule : t('alerting.alert')}
      extra={
        view &&
        writer &&
        view.state !== 'resolved' && (
          <Button type="primary" onClick={() => setSilencing(true)}>
            {t('alerting.silence')}
          </Button>
        )
      }
    >
      {alert.error && <ErrorNotice error={alert.error} onRetry={() => void alert.refetch()} />}
      {alert.isPending && id && <Skeleton active />}
      {view && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('alerting.col.level')}>
              <LevelTag level={view.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('alerting.col.state')}>
              <AlertStateTag state={view.state} /> {heldBack(view)}
            </Descriptions.Item>
            <Descriptions.Item label={t('alerting.col.rule')}>{view.rule}</Descriptions.Item>
            {view.value !== undefined && (
              <Descriptions.Item label={t('alerting.col.value')}>
                {format.number(view.value)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('alerting.col.summary')}>{text?.summary || '–'}</Descriptions.Item>
            {text?.description && (
              <Descriptions.Item label={t('alerting.description')}>{text.description}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('alerting.startsAt')}>
              {format.dateTime(view.startsAt)} ({format.ago(view.startsAt, now)})
            </Descriptions.Item>
            {view.endsAt && (
              <Descriptions.Item label={t('alerting.endsAt')}>
                {format.dateTime(view.endsAt)} ({format.ago(view.endsAt, now)})
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('alerting.labels')}>
              <LabelTags labels={view.labels} />
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('alerting.timeline')}</Typography.Title>
            {view.timeline?.length ? (
              <Timeline
                items={view.timeline.map((entry) => ({
                  color: EVENT_COLORS[entry.event] ?? 'gray',
                  content: (
                    <div data-event={entry.event}>
                      <Typography.Text strong>{eventName(entry.event, t)}</Typography.Text>{' '}
                      <Tooltip title={format.dateTime(entry.at)}>
                        <Typography.Text type="secondary">
                          {format.dateTime(entry.at)} · {format.ago(entry.at, now)}
                        </Typography.Text>
                      </Tooltip>
                      {entry.detail && <div>{eventDetailText(t, entry)}</div>}
                    </div>
                  ),
                }))}
              />
            ) : (
              <Typography.Text type="secondary">{t('alerting.noTimeline')}</Typography.Text>
            )}
          </div>
        </Flex>
      )}
      {view && (
        <SilenceModal
          open={silencing}
          labels={{ alertname: view.rule, ...view.labels }}
          onClose={() => setSilencing(false)}
        />
      )}
    </Drawer>
  );
}

const EVENTS = [
  'pending',
  'firing',
  'silenced',
  'unsilenced',
  'inhibited',
  'uninhibited',
  'notified',
  'notify-failed',
  'resolved',
] as const;

/** A timeline event in words; one the console does not know yet shows as the server names it. */
function eventName(event: string, t: ReturnType<typeof useI18n>['t']): string {
  return (EVENTS as readonly string[]).includes(event)
    ? t(`alerting.event.${event as (typeof EVENTS)[number]}`)
    : event;
}
