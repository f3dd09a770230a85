import type { ClusterFreshness } from '@portolan/api';
import { Alert } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

/**
 * Said above a list when its cluster's part of the answer is not current: the rows are the last the
 * store holds (the cluster is unreachable) or still arriving (its first sync runs).
 */
export function FreshnessMark({ freshness }: { freshness: ClusterFreshness | undefined }) {
  const { t, format } = useI18n();
  if (!freshness || freshness.status === 'fresh') return null;
  const since = freshness.syncedAt ?? freshness.lastSeenAt;
  return (
    <Alert
      type={freshness.status === 'syncing' ? 'info' : 'warning'}
      showIcon
      style={{ marginBottom: 8 }}
      // One line: the page's banner above already gives the cluster's reason at length.
      title={[
        t(`clusterPage.freshness.${freshness.status}`),
        since ? t('clusterPage.freshness.since', { time: format.dateTime(since) }) : '',
      ]
        .filter(Boolean)
        .join(' ')}
    />
  );
}
