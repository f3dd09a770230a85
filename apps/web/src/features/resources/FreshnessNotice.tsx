import type { ClusterFreshness } from '@portolan/api';
import { Alert, Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { freshnessErrorText } from '../clusters/freshness-reason.ts';

const COLORS = { fresh: 'green', syncing: 'blue', stale: 'orange', failed: 'red' } as const;

/** How current one cluster's part of an answer is, as a tag; the reason and last sync on hover. */
export function FreshnessTag({ freshness }: { freshness: ClusterFreshness }) {
  const { t, format } = useI18n();
  const synced = freshness.syncedAt
    ? t('resources.syncedAt', { time: format.dateTime(freshness.syncedAt) })
    : undefined;
  const title = [freshnessErrorText(t, freshness), synced].filter(Boolean).join(' · ') || undefined;
  return (
    <Tooltip title={title}>
      <Tag color={COLORS[freshness.status]} data-freshness={freshness.status}>
        {t(`resources.freshness.${freshness.status}`)}
      </Tag>
    </Tooltip>
  );
}

/** A notice over a list whose cluster is not current: what is shown may be old, and why. */
export function FreshnessNotice({ freshness }: { freshness: ClusterFreshness | undefined }) {
  const { t, format } = useI18n();
  if (!freshness || freshness.status === 'fresh') return null;
  const when = freshness.syncedAt ?? freshness.lastSeenAt;
  return (
    <Alert
      type={freshness.status === 'syncing' ? 'info' : 'warning'}
      showIcon
      title={t(`resources.notice.${freshness.status}`, { cluster: freshness.name })}
      description={
        // An offline cluster's reason is the cluster's, told once by the page around the list.
        [
          freshness.status === 'stale' ? '' : freshnessErrorText(t, freshness),
          when ? t('resources.lastKnownAt', { time: format.dateTime(when) }) : '',
        ]
          .filter(Boolean)
          .join(' · ') || undefined
      }
    />
  );
}
