import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Progress, Segmented, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { workloadPath } from '../workloads/workload-model.ts';
import { useChartPreferences } from './chart-preferences.ts';
import { EmptyReasons } from './EmptyReasons.tsx';
import { valueFormatter } from './metric-words.ts';
import { monitoringApi } from './monitoring-api.ts';
import { consumerName, consumerPath } from './top-model.ts';

type Level = 'pod' | 'workload' | 'namespace' | 'node';
type Metric = 'cpu_usage' | 'memory_usage';

/**
 * The biggest consumers of a cluster now (pods, workloads, namespaces, nodes by CPU or memory), each a
 * link to where it is acted on. Nodes are offered only to callers with a cluster-wide grant.
 */
export function TopConsumers({ cluster, namespace }: { cluster: string; namespace?: string }) {
  const i18n = useI18n();
  const { t, format } = i18n;
  const can = useCan();
  const [{ refresh }] = useChartPreferences();
  const clusterWide = can('monitoring:read', { cluster });
  const levels: Level[] =
    clusterWide && !namespace ? ['pod', 'workload', 'namespace', 'node'] : ['pod', 'workload'];
  const [level, setLevel] = useState<Level>('pod');
  const [metric, setMetric] = useState<Metric>('cpu_usage');
  const top = useQuery({
    queryKey: ['monitoring', 'top', cluster, namespace, level, metric],
    queryFn: () => monitoringApi.top({ cluster, namespace, level, metric, limit: 10 }),
    refetchInterval: refresh ? refresh * 1000 : false,
    retry: false,
  });
  const unit = top.data?.unit ?? (metric === 'cpu_usage' ? 'cores' : 'bytes');
  const value = valueFormatter(i18n, unit);
  return (
    <Card
      size="small"
      title={t('monitoring.top.title')}
      extra={
        <Flex gap={8} wrap>
          <Segmented<Level>
            value={level}
            onChange={setLevel}
            options={levels.map((each) => ({ value: each, label: t(`monitoring.top.level.${each}`) }))}
          />
          <Segmented<Metric>
            value={metric}
            onChange={setMetric}
            options={[
              { value: 'cpu_usage', label: t('monitoring.chart.cpu') },
              { value: 'memory_usage', label: t('monitoring.chart.memory') },
            ]}
          />
        </Flex>
      }
    >
      {top.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} title={false} />
      ) : top.error ? (
        <ErrorNotice error={top.error} onRetry={() => void top.refetch()} />
      ) : (
        <Flex vertical gap={8}>
          <EmptyReasons empty={top.data.empty ? [top.data.empty] : []} />
          {!top.data.empty && (
            <Table
              size="small"
              pagination={false}
              rowKey={(row) => JSON.stringify(row.labels)}
              dataSource={top.data.items}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.top.empty')} />
                ),
              }}
              columns={[
                {
                  title: t('monitoring.top.name'),
                  key: 'name',
                  ellipsis: true,
                  render: (_, row) => {
                    const path = consumerPath(cluster, level, row.labels, workloadPath);
                    const name = consumerName(level, row.labels);
                    return path ? <Link to={path}>{name}</Link> : name;
                  },
                },
                {
                  title: t('monitoring.top.value'),
                  key: 'value',
                  width: 120,
                  align: 'right',
                  render: (_, row) => value(row.value),
                },
                {
                  title: t(level === 'node' ? 'monitoring.top.ratioNode' : 'monitoring.top.ratio'),
                  key: 'ratio',
                  width: 160,
                  render: (_, row) =>
                    row.ratio === undefined ? (
                      '–'
                    ) : (
                      <Progress
                        size="small"
                        percent={Math.round(row.ratio * 100)}
                        status={row.ratio >= 0.9 ? 'exception' : 'normal'}
                        format={(percent) => `${percent}%`}
                      />
                    ),
                },
              ]}
            />
          )}
          {top.data.at && (
            <Typography.Text type="secondary">
              {t('monitoring.top.at', { ago: format.ago(top.data.at, Date.now()) })}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}
