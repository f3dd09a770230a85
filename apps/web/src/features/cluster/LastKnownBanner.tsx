import type { Cluster } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { clusterReasonText } from '../clusters/cluster-reason.ts';
import { clusterApi } from './cluster-api.ts';

/**
 * Says plainly when the page shows the last known state: the cluster does not answer (its data is
 * what the store kept), or its first sync is still filling the store.
 */
export function LastKnownBanner({ cluster }: { cluster: Cluster }) {
  const { t, format } = useI18n();
  const sync = useQuery({
    queryKey: ['cluster', cluster.name, 'sync'],
    queryFn: () => clusterApi.sync(cluster.name),
    refetchInterval: 10_000,
    // Only an administrator reads the sync engine (clusters:read at the cluster); others see health only.
    retry: false,
  });
  const seen = cluster.lastSeenAt ? format.dateTime(cluster.lastSeenAt) : t('time.never');
  if (cluster.status !== 'Ready')
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        title={t('clusterPage.offlineBanner', { status: t(`status.${cluster.status}`), time: seen })}
        description={clusterReasonText(t, cluster) || undefined}
      />
    );
  const engine = sync.data?.engine;
  // A first list still running means the store does not yet hold every object of that kind.
  const listing = engine?.resources.some((resource) => resource.state === 'listing');
  const state = engine?.state === 'syncing' && listing ? 'discovering' : engine?.state;
  if (state === 'discovering' || state === 'backoff')
    return (
      <Alert
        type={state === 'backoff' ? 'warning' : 'info'}
        showIcon
        title={t(state === 'backoff' ? 'clusterPage.syncBackoffBanner' : 'clusterPage.syncingBanner')}
        description={sync.data?.engine?.error ?? undefined}
      />
    );
  return null;
}
