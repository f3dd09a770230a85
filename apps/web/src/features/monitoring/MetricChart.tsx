import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Segmented, Select, Skeleton, Typography } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { additive, binaryStep, foldLines, nameSeries } from './chart-model.ts';
import { RANGES, type Range, REFRESHES, type Refresh, useChartPreferences } from './chart-preferences.ts';
import { EmptyReasons } from './EmptyReasons.tsx';
import { labelValue, metricLabel, valueFormatter } from './metric-words.ts';
import { type EmptyEntry, monitoringApi, type SeriesQuery } from './monitoring-api.ts';

const LineCanvas = lazy(() => import('./LineCanvas.tsx'));

/** The object a chart is about: level, cluster and, below the cluster, namespace and name. */
export type ChartScope = Omit<SeriesQuery, 'metrics' | 'range' | 'start' | 'end' | 'stepSeconds'>;

/** The catalogue, read once per session: which names exist at which level, and their units. */
export function useCatalogue() {
  return useQuery({
    queryKey: ['monitoring', 'catalogue'],
    queryFn: monitoringApi.catalogue,
    staleTime: 10 * 60_000,
  });
}

/** The answer's range in milliseconds, when it says it. */
export function spanOf(start: string | undefined, end: string | undefined): [number, number] | undefined {
  return start && end ? [Date.parse(start), Date.parse(end)] : undefined;
}

/** Lines drawn dashed: what usage is measured against. */
const REFERENCE = /_(requests|limits|allocatable)$/;

/**
 * One chart: named metrics of one object over the remembered range, refreshed at the remembered pace.
 * Every metric without a line says why (target down with its last scrape error, not provided, no data,
 * engine unavailable, forbidden): a chart is never blank.
 */
export function MetricChart({
  title,
  scope,
  metrics,
  limit = 8,
  height = 200,
}: {
  title: string;
  scope: ChartScope;
  metrics: string[];
  /** Lines shown before the rest fold into "others". */
  limit?: number;
  height?: number;
}) {
  const i18n = useI18n();
  const { t, format } = i18n;
  const [{ range, refresh }] = useChartPreferences();
  const catalogue = useCatalogue();
  const known = catalogue.data?.items.filter((item) => item.levels.includes(scope.level));
  const asked = known ? metrics.filter((metric) => known.some((item) => item.name === metric)) : metrics;
  const missing = metrics.filter((metric) => !asked.includes(metric));
  const answer = useQuery({
    queryKey: ['monitoring', 'series', scope, asked, range],
    queryFn: () => monitoringApi.series({ ...scope, metrics: asked, range }),
    enabled: !catalogue.isPending && asked.length > 0,
    refetchInterval: refresh ? refresh * 1000 : false,
    placeholderData: keepPreviousData,
    retry: false,
  });

  let body: ReactNode;
  if (catalogue.isPending || (asked.length > 0 && answer.isPending)) {
    body = <Skeleton active paragraph={{ rows: 3 }} title={false} />;
  } else if (answer.error) {
    body = <ErrorNotice error={answer.error} onRetry={() => void answer.refetch()} />;
  } else {
    const data = answer.data ?? { series: [], empty: [] };
    const unit = data.series[0]?.unit ?? known?.find((item) => item.name === asked[0])?.unit;
    const named = nameSeries(
      data.series,
      (metric) => metricLabel(t, metric),
      (key, value) => labelValue(t, key, value),
    );
    const dashed = named
      .filter((_, index) => REFERENCE.test(data.series[index]?.metric ?? ''))
      .map((l) => l.name);
    const folded = foldLines(named, limit, additive(unit), t('monitoring.others'));
    const points = folded.lines.reduce((sum, line) => sum + line.points.length, 0);
    const local: EmptyEntry[] = missing.map((metric) => ({
      metric,
      reason: 'not-provided',
      message: t('monitoring.notInCatalogue', { metrics: metricLabel(t, metric) }),
    }));
    body = (
      <Flex vertical gap={6}>
        {folded.lines.length > 0 && (
          <Suspense fallback={<Skeleton active paragraph={{ rows: 3 }} title={false} />}>
            <LineCanvas
              lines={folded.lines}
              dashed={dashed}
              height={height}
              formatValue={valueFormatter(i18n, unit)}
              formatTime={(at) => format.dateTime(new Date(at).toISOString())}
              label={t('monitoring.chartLabel', { title, lines: folded.lines.length, points })}
              span={spanOf(data.start, data.end)}
              integer={unit === 'count'}
              interval={unit === 'bytes' ? binaryStep(folded.lines) : undefined}
            />
          </Suspense>
        )}
        {folded.hidden > 0 && (
          <Typography.Text type="secondary">
            {t('monitoring.hiddenLines', { n: folded.hidden })}
          </Typography.Text>
        )}
        <EmptyReasons empty={[...data.empty, ...local]} />
      </Flex>
    );
  }
  return (
    <Flex vertical gap={4} data-chart={title}>
      <Typography.Text strong>{title}</Typography.Text>
      {body}
    </Flex>
  );
}

/** The range and refresh choices, remembered per user; every chart on the page follows them. */
export function ChartControls() {
  const { t } = useI18n();
  const [{ range, refresh }, choose] = useChartPreferences();
  const refreshLabel = (seconds: Refresh) =>
    seconds === 0
      ? t('monitoring.refresh.off')
      : seconds < 60
        ? t('monitoring.refresh.seconds', { n: seconds })
        : t('monitoring.refresh.minutes', { n: seconds / 60 });
  return (
    <Flex gap={8} align="center" wrap>
      <Segmented<Range>
        aria-label={t('monitoring.range')}
        value={range}
        options={RANGES.map((value) => ({ label: value, value }))}
        onChange={(value) => choose({ range: value })}
      />
      <Select<Refresh>
        aria-label={t('monitoring.refresh')}
        value={refresh}
        style={{ width: 120 }}
        options={REFRESHES.map((value) => ({ label: refreshLabel(value), value }))}
        onChange={(value) => choose({ refresh: value })}
      />
    </Flex>
  );
}

export interface ChartSpec {
  title: string;
  metrics: string[];
  scope: ChartScope;
  limit?: number;
}

/** A card of charts side by side (two per row on wide screens) under one set of range and refresh choices. */
export function MetricCharts({
  title,
  charts,
  extra,
}: {
  title?: string;
  charts: ChartSpec[];
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={title ?? t('monitoring.charts')}
      extra={
        <Flex gap={8} align="center">
          {extra}
          <ChartControls />
        </Flex>
      }
    >
      <Row gutter={[16, 16]}>
        {charts.map((chart) => (
          <Col key={chart.title} xs={24} xl={charts.length === 1 ? 24 : 12}>
            <MetricChart
              title={chart.title}
              scope={chart.scope}
              metrics={chart.metrics}
              limit={chart.limit}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
