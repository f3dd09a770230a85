import type {
  MetricCatalogue,
  MetricLevel,
  MetricSeriesAnswer,
  MetricSeriesQuery,
  MetricsEngineStatus,
  MetricsSourceSettings,
  MetricTopAnswer,
  MetricTopQuery,
  PromqlQuery,
} from '@portolan/api';
import { request } from '../../api/client.ts';

const enc = encodeURIComponent;
const base = '/api/v1/monitoring';

export type { MetricLevel, MetricSeriesAnswer, MetricsEngineStatus, MetricsSourceSettings, MetricTopAnswer };
export type SeriesQuery = MetricSeriesQuery;
export type EmptyEntry = MetricSeriesAnswer['empty'][number];
export type Series = MetricSeriesAnswer['series'][number];
export type ScrapeTarget = MetricsEngineStatus['targets'][number];

/** The monitoring routes (packages/api/src/monitoring.ts), as the console calls them. */
export const monitoringApi = {
  engine: () => request<MetricsEngineStatus>('GET', `${base}/engine`),
  source: (cluster: string) => request<MetricsSourceSettings>('GET', `${base}/sources/${enc(cluster)}`),
  saveSource: (cluster: string, settings: MetricsSourceSettings) =>
    request<MetricsSourceSettings>('PUT', `${base}/sources/${enc(cluster)}`, settings),
  catalogue: () => request<MetricCatalogue>('GET', `${base}/catalogue`),
  series: (query: MetricSeriesQuery) => request<MetricSeriesAnswer>('POST', `${base}/series`, query),
  top(query: MetricTopQuery) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, String(value));
    return request<MetricTopAnswer>('GET', `${base}/top?${params}`);
  },
  promql: (query: PromqlQuery) => request<MetricSeriesAnswer>('POST', `${base}/promql`, query),
};
