import type { ClusterFreshness } from '@portolan/api';
import { Alert, Flex, Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { freshnessErrorText } from '../clusters/freshness-reason.ts';

const COLORS = { fresh: 'green', syncing: 'blue', stale: 'orange', failed: 'red' } as const;

/** A row's mark when its cluster's part of the answer is not current; nothing when it is. */
export function FreshnessMark({ freshness }: { freshness: ClusterFreshness | undefined }) {
  const { t, format } = useI18n();
  if (!freshness || freshness.status === 'fresh') return null;
  const when = freshness.syncedAt ?? freshness.lastSeenAt;
  const title = [
    freshnessErrorText(t, freshness),
    when ? t('workloads.syncedAt', { time: format.dateTime(when) }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tooltip title={title || undefined}>
      <Tag color={COLORS[freshness.status]} data-freshness={freshness.status}>
        {t(`workloads.freshness.${freshness.status}`)}
      </Tag>
    </Tooltip>
  );
}

/** One notice per cluster whose workloads may be old or incomplete, and why. */
export function FreshnessNotices({ clusters }: { clusters: ClusterFreshness[] }) {
  const { t, format } = useI18n();
  const behind = clusters.filter((cluster) => cluster.status !== 'fresh');
  if (!behind.length) return null;
  return (
    <Flex vertical gap={4}>
      {behind.map((cluster) => {
        const when = cluster.syncedAt ?? cluster.lastSeenAt;
        const status = cluster.status as Exclude<ClusterFreshness['status'], 'fresh'>;
        return (
          <Alert
            key={cluster.name}
            type={status === 'syncing' ? 'info' : 'warning'}
            showIcon
            title={t(`workloads.notice.${status}`, { cluster: cluster.name })}
            description={
              [
                freshnessErrorText(t, cluster),
                when ? t('workloads.syncedAt', { time: format.dateTime(when) }) : '',
              ]
                .filter(Boolean)
                .join(' · ') || undefined
            }
          />
        );
      })}
    </Flex>
  );
}
