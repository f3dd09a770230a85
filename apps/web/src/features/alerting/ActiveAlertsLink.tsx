import { useQuery } from '@tanstack/react-query';
import { Badge, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { alertingApi } from './alerting-api.ts';
import { ALERT_LEVELS } from './tags.tsx';

const BADGE_STATUS = { critical: 'error', warning: 'warning', info: 'processing' } as const;

/** The overview's link to the alerts: how many are active at each level (nothing for non-readers). */
export function ActiveAlertsLink() {
  const { t, format } = useI18n();
  const can = useCan();
  const reader = can('alerts:read', { somewhere: true });
  const alerts = useQuery({
    queryKey: ['alerting', 'alerts', 'counts'],
    queryFn: () => alertingApi.alerts({ state: 'active', limit: 1 }),
    enabled: reader,
    refetchInterval: 30_000,
  });
  if (!reader || !alerts.data) return null;
  const { counts } = alerts.data;
  const total = counts.critical + counts.warning + counts.info;
  return (
    <Link to="/alerts" data-active-alerts={total}>
      {total === 0 ? (
        <Typography.Text type="secondary">{t('alerting.overview.none')}</Typography.Text>
      ) : (
        <Space size={12}>
          {t('alerting.overview.title')}
          {ALERT_LEVELS.filter((level) => counts[level] > 0).map((level) => (
            <Badge
              key={level}
              status={BADGE_STATUS[level]}
              text={`${format.number(counts[level])} ${t(`alerting.level.${level}`)}`}
            />
          ))}
          {t('alerting.overview.open')} →
        </Space>
      )}
    </Link>
  );
}
