import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Descriptions, Flex, Tag, Tooltip, Typography } from 'antd';
import type { Cluster } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { clusterReasonText } from '../clusters/cluster-reason.ts';
import type { SyncAnswer } from './cluster-api.ts';
import { type SyncErrorGroup, syncFreshness } from './sync-model.ts';
import { syncReasonText } from './sync-reason.ts';

/** Kinds named in an error line before the rest are left to its tooltip. */
const KINDS_SHOWN = 6;

/**
 * How current Portolan's copy of the cluster is. An offline cluster is not watched, whatever the
 * engine's last state: the card says so, since when, and how old the data shown is.
 */
export function SyncCard({ cluster, sync }: { cluster: Cluster; sync: UseQueryResult<SyncAnswer> }) {
  const { t, format } = useI18n();
  const now = Date.now();
  const freshness = sync.data ? syncFreshness(sync.data) : undefined;
  const offline = cluster.status === 'Offline';
  const mark = cluster.status !== 'Ready' ? <Tag bordered={false}>{t('overview.lastKnown')}</Tag> : null;

  const offlineText = () => {
    if (!cluster.lastSeenAt) return t('clusterPage.syncOfflineNeverSeen');
    const time = format.dateTime(cluster.lastSeenAt);
    return freshness?.latestEventAt
      ? t('clusterPage.syncOffline', { time, ago: format.ago(freshness.latestEventAt, now) })
      : t('clusterPage.syncOfflineNothingSynced', { time });
  };

  // Each error is worded from its code in the reader's language; one kept before the codes is worded
  // from the cluster's code when it is the cluster's own reason, else it is the server's words.
  const said = (group: SyncErrorGroup) =>
    group.reasonCode
      ? syncReasonText(t, group)
      : group.message === cluster.reason
        ? clusterReasonText(t, cluster)
        : group.message;

  const errorLine = (group: SyncErrorGroup) => {
    const shown = group.kinds.slice(0, KINDS_SHOWN).join(', ');
    const kinds = group.kinds.length > KINDS_SHOWN ? `${shown}, …` : shown;
    return (
      <Flex key={group.key} vertical gap={0} data-testid="sync-error">
        <Typography.Text type="danger">{said(group)}</Typography.Text>
        <Tooltip title={group.kinds.length > KINDS_SHOWN ? group.kinds.join(', ') : undefined}>
          <Typography.Text type="secondary">
            {group.kinds.length
              ? t('clusterPage.syncErrorKinds', { count: format.number(group.kinds.length), kinds })
              : t('clusterPage.syncErrorEngine')}
          </Typography.Text>
        </Tooltip>
      </Flex>
    );
  };

  return (
    <Card size="small" title={t('clusterPage.sync')}>
      {sync.error ? (
        <Typography.Text type="secondary">{sync.error.message}</Typography.Text>
      ) : !freshness ? (
        <Loading />
      ) : (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('clusterPage.syncState')}>
            {offline ? (
              <Flex vertical gap={4} data-testid="sync-state">
                <span>
                  <Tag color="red">{t('clusterPage.syncNotWatching')}</Tag>
                  {mark}
                </span>
                <Typography.Text>{offlineText()}</Typography.Text>
              </Flex>
            ) : (
              <span data-testid="sync-state">
                <Tag
                  color={
                    freshness.state === 'syncing'
                      ? 'green'
                      : freshness.state === 'backoff'
                        ? 'red'
                        : 'default'
                  }
                >
                  {t(`clusterPage.syncState.${freshness.state}`)}
                </Tag>
                {freshness.listing > 0 && t('clusterPage.syncListing', { count: freshness.listing })}
                {mark}
              </span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('clusterPage.syncKinds')}>
            {t('clusterPage.syncKindsValue', {
              kinds: format.number(freshness.kinds),
              objects: format.number(freshness.objects),
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('clusterPage.syncLatest')}>
            {freshness.latestEventAt ? (
              <Tooltip title={format.dateTime(freshness.latestEventAt)}>
                {format.ago(freshness.latestEventAt, now)}
              </Tooltip>
            ) : (
              t('time.never')
            )}
          </Descriptions.Item>
          {freshness.errors.length > 0 && (
            <Descriptions.Item label={t('clusterPage.syncErrors')}>
              <Flex vertical gap={6}>
                {freshness.errors.map(errorLine)}
              </Flex>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}
