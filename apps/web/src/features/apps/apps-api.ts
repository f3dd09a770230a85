import type {
  ChartDetail,
  ChartList,
  ChartRepository,
  ChartRepositoryList,
  ChartSearchQuery,
  ChartVersionList,
  RepositoryCheck,
  RepositoryInput,
  RepositoryPatch,
} from '@portolan/api';
import { request } from '../../api/client.ts';

const chartUrl = (repository: string, chart: string) =>
  `/api/v1/helm/charts/${encodeURIComponent(repository)}/${encodeURIComponent(chart)}`;
const repositoryUrl = (name: string) => `/api/v1/helm/repositories/${encodeURIComponent(name)}`;

/** The chart's icon through Portolan: the browser never asks the chart's own host. */
export const iconUrl = (repository: string, chart: string, version: string) =>
  `${chartUrl(repository, chart)}/${encodeURIComponent(version)}/icon`;

/** The console's page of a chart (a version picked when given). */
export const chartPath = (repository: string, chart: string, version?: string) =>
  `/apps/charts/${encodeURIComponent(repository)}/${encodeURIComponent(chart)}${version ? `?version=${encodeURIComponent(version)}` : ''}`;

/** Where installing starts: the install page reads these from the address. */
export const installPath = (repository: string, chart: string, version: string) =>
  `/apps/install?${new URLSearchParams({ repository, chart, version })}`;

export const appsApi = {
  charts(query: ChartSearchQuery): Promise<ChartList> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, String(value));
    return request<ChartList>('GET', `/api/v1/helm/charts?${params}`);
  },
  versions: (repository: string, chart: string) =>
    request<ChartVersionList>('GET', chartUrl(repository, chart)),
  detail: (repository: string, chart: string, version: string) =>
    request<ChartDetail>('GET', `${chartUrl(repository, chart)}/${encodeURIComponent(version)}`),
  repositories: () => request<ChartRepositoryList>('GET', '/api/v1/helm/repositories'),
  check: (input: RepositoryInput) =>
    request<RepositoryCheck>('POST', '/api/v1/helm/repositories/check', input),
  add: (input: RepositoryInput) => request<ChartRepository>('POST', '/api/v1/helm/repositories', input),
  update: (name: string, patch: RepositoryPatch) =>
    request<ChartRepository>('PATCH', repositoryUrl(name), patch),
  remove: (name: string) => request<void>('DELETE', repositoryUrl(name)),
  refresh: (name: string) => request<ChartRepository>('POST', `${repositoryUrl(name)}/refresh`),
};
