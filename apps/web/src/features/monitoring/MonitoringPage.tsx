import { useQuery } from '@tanstack/react-query';
import { Flex, Skeleton, Typography } from 'antd';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { overviewQueries } from '../overview/overview-queries.ts';
import { EngineStatus } from './EngineStatus.tsx';
import { monitoringApi } from './monitoring-api.ts';
import { PromqlExplorer } from './PromqlExplorer.tsx';
import { ScrapeTargets } from './ScrapeTargets.tsx';
import { SourcesCard } from './SourcesCard.tsx';

/**
 * /monitoring: the metrics engine (mode, health, limits), the targets it scrapes, and for platform
 * Admins each cluster's metrics source and a PromQL explorer.
 */
export default function MonitoringPage() {
  const { t } = useI18n();
  const can = useCan();
  const admin = can('monitoring:admin', 'platform');
  const engine = useQuery({
    queryKey: ['monitoring', 'engine'],
    queryFn: monitoringApi.engine,
    refetchInterval: 30_000,
  });
  const clusters = useQuery({ ...overviewQueries.clusters, enabled: admin });
  const names = (clusters.data?.items ?? []).map((cluster) => cluster.name);
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('monitoring.title')}
      </Typography.Title>
      {engine.isPending ? (
        <Skeleton active />
      ) : engine.error ? (
        <ErrorNotice error={engine.error} onRetry={() => void engine.refetch()} />
      ) : (
        <>
          <EngineStatus engine={engine.data} />
          <ScrapeTargets targets={engine.data.targets} />
        </>
      )}
      {admin && names.length > 0 && <SourcesCard clusters={names} />}
      {admin && <PromqlExplorer clusters={names} />}
    </Flex>
  );
}
