import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { Card, Col, Flex, Progress, Row, Skeleton, Table, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { foldLines, type Line } from './chart-model.ts';
import { useChartPreferences } from './chart-preferences.ts';
import { EmptyReasons } from './EmptyReasons.tsx';
import { ChartControls, spanOf } from './MetricChart.tsx';
import { metricLabel, valueFormatter } from './metric-words.ts';
import { type EmptyEntry, monitoringApi } from './monitoring-api.ts';

const LineCanvas = lazy(() => import('./LineCanvas.tsx'));

/** Clusters compared at once; beyond this the overview would ask too many questions per refresh. */
const MOST = 20;
const METRICS = ['cpu_utilisation', 'memory_utilisation'] as const;

interface ClusterNow {
  cluster: string;
  cpu?: number;
  memory?: number;
}

/**
 * The overview's charts: each cluster's CPU and memory use against allocatable, one line per cluster,
 * and the clusters that use the most now. Only clusters the caller may read cluster-wide are asked.
 */
export default function ClusterComparison({ clusters }: { clusters: string[] }) {
  const i18n = useI18n();
  const { t, format } = i18n;
  const can = useCan();
  const [{ range, refresh }] = useChartPreferences();
  const readable = clusters.filter((cluster) => can('monitoring:read', { cluster })).slice(0, MOST);
  const answers = useQueries({
    queries: readable.map((cluster) => ({
      queryKey: ['monitoring', 'series', { level: 'cluster', cluster }, METRICS, range],
      queryFn: () => monitoringApi.series({ level: 'cluster', cluster, metrics: [...METRICS], range }),
      refetchInterval: refresh ? refresh * 1000 : (false as const),
      placeholderData: keepPreviousData,
      retry: false,
    })),
  });
  if (readable.length === 0) return null;
  const pending = answers.some((answer) => answer.isPending);
  const answered = answers.find((answer) => answer.data)?.data;
  const lines: Record<(typeof METRICS)[number], Line[]> = { cpu_utilisation: [], memory_utilisation: [] };
  const empty: Array<EmptyEntry & { cluster: string }> = [];
  const rows: ClusterNow[] = [];
  answers.forEach((answer, index) => {
    const cluster = readable[index] as string;
    const row: ClusterNow = { cluster };
    if (answer.error)
      empty.push({ cluster, metric: 'cpu_utilisation', reason: 'forbidden', message: answer.error.message });
    for (const series of answer.data?.series ?? []) {
      const metric = series.metric as (typeof METRICS)[number];
      if (!lines[metric]) continue;
      const points = series.points.map(([at, value]) => [at ?? 0, value ?? 0] as [number, number]);
      lines[metric].push({ name: cluster, points });
      row[metric === 'cpu_utilisation' ? 'cpu' : 'memory'] = points.at(-1)?.[1];
    }
    for (const entry of answer.data?.empty ?? []) empty.push({ ...entry, cluster });
    rows.push(row);
  });
  rows.sort((a, b) => (b.cpu ?? -1) - (a.cpu ?? -1));
  const busiest = rows.filter((row) => row.cpu !== undefined || row.memory !== undefined).slice(0, 5);
  const percent = valueFormatter(i18n, 'ratio');
  const chart = (metric: (typeof METRICS)[number], title: string) => {
    const folded = foldLines(lines[metric], 8, false, t('monitoring.others'));
    if (folded.lines.length === 0) return null;
    return (
      <Flex vertical gap={4}>
        <Typography.Text strong>{title}</Typography.Text>
        <Suspense fallback={<Skeleton active paragraph={{ rows: 3 }} title={false} />}>
          <LineCanvas
            lines={folded.lines}
            dashed={[]}
            formatValue={percent}
            span={spanOf(answered?.start, answered?.end)}
            formatTime={(at) => format.dateTime(new Date(at).toISOString())}
            label={t('monitoring.chartLabel', {
              title,
              lines: folded.lines.length,
              points: folded.lines.reduce((sum, line) => sum + line.points.length, 0),
            })}
          />
        </Suspense>
        {folded.hidden > 0 && (
          <Typography.Text type="secondary">
            {t('monitoring.hiddenLines', { n: folded.hidden })}
          </Typography.Text>
        )}
      </Flex>
    );
  };
  const bar = (value: number | undefined) =>
    value === undefined ? (
      '–'
    ) : (
      <Progress
        size="small"
        percent={Math.round(value * 100)}
        status={value >= 0.9 ? 'exception' : 'normal'}
        format={() => percent(value)}
      />
    );
  return (
    <Card size="small" title={t('monitoring.charts')} extra={<ChartControls />} data-chart="clusters">
      {pending ? (
        <Skeleton active paragraph={{ rows: 4 }} title={false} />
      ) : (
        <Flex vertical gap={12}>
          {(lines.cpu_utilisation.length > 0 || lines.memory_utilisation.length > 0) && (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                {chart('cpu_utilisation', t('monitoring.chart.clusterCpu'))}
              </Col>
              <Col xs={24} xl={12}>
                {chart('memory_utilisation', t('monitoring.chart.clusterMemory'))}
              </Col>
            </Row>
          )}
          <EmptyReasons
            empty={empty}
            name={(entry) =>
              `${(entry as EmptyEntry & { cluster: string }).cluster} · ${metricLabel(t, entry.metric)}`
            }
          />
          {busiest.length > 0 && (
            <Table<ClusterNow>
              size="small"
              pagination={false}
              rowKey="cluster"
              dataSource={busiest}
              title={() => <Typography.Text strong>{t('monitoring.top.clusters')}</Typography.Text>}
              columns={[
                {
                  title: t('monitoring.targets.cluster'),
                  key: 'cluster',
                  render: (_, row) => (
                    <Link to={`/clusters/${encodeURIComponent(row.cluster)}`}>{row.cluster}</Link>
                  ),
                },
                {
                  title: t('monitoring.metric.cpu_utilisation'),
                  key: 'cpu',
                  render: (_, row) => bar(row.cpu),
                },
                {
                  title: t('monitoring.metric.memory_utilisation'),
                  key: 'memory',
                  render: (_, row) => bar(row.memory),
                },
              ]}
            />
          )}
        </Flex>
      )}
    </Card>
  );
}
