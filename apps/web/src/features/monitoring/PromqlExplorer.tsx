import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Flex,
  Input,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { foldLines, nameSeries } from './chart-model.ts';
import { useChartPreferences } from './chart-preferences.ts';
import { EmptyReasons } from './EmptyReasons.tsx';
import { spanOf } from './MetricChart.tsx';
import { valueFormatter } from './metric-words.ts';
import { type MetricSeriesAnswer, monitoringApi } from './monitoring-api.ts';
import { rangeWindow } from './range-window.ts';

const LineCanvas = lazy(() => import('./LineCanvas.tsx'));

/** Raw PromQL for platform Admins: instant or over the remembered range, as a table and a chart. */
export function PromqlExplorer({ clusters }: { clusters: string[] }) {
  const i18n = useI18n();
  const { t, format } = i18n;
  const [{ range }] = useChartPreferences();
  const [query, setQuery] = useState('up');
  const [cluster, setCluster] = useState<string>('');
  const [mode, setMode] = useState<'instant' | 'range'>('instant');
  const run = useMutation({
    mutationFn: (): Promise<MetricSeriesAnswer> => {
      const body = { query, ...(cluster ? { cluster } : {}) };
      if (mode === 'instant') return monitoringApi.promql(body);
      const window = rangeWindow(range, Date.now());
      return monitoringApi.promql({
        ...body,
        start: window.start,
        end: window.end,
        stepSeconds: window.stepSeconds,
      });
    },
  });
  const answer = run.data;
  const value = valueFormatter(i18n, answer?.series[0]?.unit);
  const lines = answer
    ? foldLines(
        nameSeries(answer.series, (metric) => metric),
        12,
        false,
        '',
      )
    : undefined;
  return (
    <Card size="small" title={t('monitoring.promql.title')}>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('monitoring.promql.help')}</Typography.Text>
        <Input.TextArea
          aria-label={t('monitoring.promql.query')}
          value={query}
          autoSize={{ minRows: 2, maxRows: 8 }}
          style={{ fontFamily: 'monospace' }}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && query.trim()) run.mutate();
          }}
        />
        <Space wrap>
          <Select
            aria-label={t('monitoring.promql.cluster')}
            value={cluster}
            style={{ minWidth: 200 }}
            onChange={setCluster}
            options={[
              { value: '', label: t('monitoring.promql.managed') },
              ...clusters.map((name) => ({ value: name, label: name })),
            ]}
          />
          <Segmented
            value={mode}
            onChange={(next) => setMode(next as 'instant' | 'range')}
            options={[
              { value: 'instant', label: t('monitoring.promql.instant') },
              { value: 'range', label: `${t('monitoring.promql.rangeMode')} · ${range}` },
            ]}
          />
          <Button
            type="primary"
            loading={run.isPending}
            disabled={!query.trim()}
            onClick={() => run.mutate()}
          >
            {t('monitoring.promql.run')}
          </Button>
        </Space>
        {run.error && <Alert type="error" showIcon title={run.error.message} data-testid="promql-error" />}
        {answer && (
          <>
            <EmptyReasons empty={answer.empty} name={(entry) => entry.metric} />
            <Tabs
              size="small"
              items={[
                {
                  key: 'table',
                  label: t('monitoring.promql.table'),
                  children: (
                    <Table
                      size="small"
                      rowKey={(row) => JSON.stringify(row.labels)}
                      dataSource={answer.series}
                      pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
                      title={() => t('monitoring.promql.results', { n: format.number(answer.series.length) })}
                      locale={{ emptyText: t('monitoring.promql.noResult') }}
                      columns={[
                        {
                          title: t('monitoring.promql.labels'),
                          key: 'labels',
                          render: (_, row) => (
                            <Space size={[2, 2]} wrap>
                              {Object.entries(row.labels).map(([key, label]) => (
                                <Tag key={key} bordered={false}>
                                  {key}={label}
                                </Tag>
                              ))}
                            </Space>
                          ),
                        },
                        {
                          title: t('monitoring.promql.value'),
                          key: 'value',
                          width: 160,
                          align: 'right',
                          render: (_, row) => {
                            const last = row.points.at(-1)?.[1];
                            return last === undefined ? '–' : value(last);
                          },
                        },
                      ]}
                    />
                  ),
                },
                {
                  key: 'chart',
                  label: t('monitoring.promql.chart'),
                  children:
                    lines && lines.lines.length > 0 ? (
                      <Suspense fallback={<Skeleton active />}>
                        <LineCanvas
                          lines={lines.lines}
                          dashed={[]}
                          height={280}
                          formatValue={value}
                          span={spanOf(answer.start, answer.end)}
                          formatTime={(at) => format.dateTime(new Date(at).toISOString())}
                          label={t('monitoring.chartLabel', {
                            title: query,
                            lines: lines.lines.length,
                            points: lines.lines.reduce((sum, line) => sum + line.points.length, 0),
                          })}
                        />
                      </Suspense>
                    ) : (
                      <Typography.Text type="secondary">{t('monitoring.promql.noResult')}</Typography.Text>
                    ),
                },
              ]}
            />
          </>
        )}
      </Flex>
    </Card>
  );
}
