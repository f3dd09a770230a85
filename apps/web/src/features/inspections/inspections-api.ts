import type {
  InspectionConfigList,
  InspectionConfigSpec,
  InspectionConfigView,
  InspectionItemList,
  InspectionRunPage,
  InspectionRunQuery,
  InspectionRunView,
} from '@portolan/api';
import { request } from '../../api/client.ts';
import { queryOf, type WithDefaults } from '../alerting/alerting-api.ts';

const enc = encodeURIComponent;

/** A configuration as sent: keepRuns and each item's enabled default on the server. */
export type ConfigInput = Omit<WithDefaults<InspectionConfigSpec, 'keepRuns'>, 'items'> & {
  items?: WithDefaults<NonNullable<InspectionConfigSpec['items']>[number], 'enabled'>[];
};
const config = (name: string) => `/api/v1/inspections/configs/${enc(name)}`;

/** Where a run's report is downloaded (the server names the file). */
export const reportUrl = (id: string, format: 'html' | 'json') =>
  `/api/v1/inspections/runs/${enc(id)}/report.${format}`;

/** The console's page of one run's report. */
export const runPath = (id: string) => `/inspections/runs/${enc(id)}`;

/** The inspection routes (packages/api/src/inspections.ts); all public REST API. */
export const inspectionsApi = {
  items: () => request<InspectionItemList>('GET', '/api/v1/inspections/items'),
  configs: () => request<InspectionConfigList>('GET', '/api/v1/inspections/configs'),
  config: (name: string) => request<InspectionConfigView>('GET', config(name)),
  saveConfig: (name: string, spec: ConfigInput) => request<InspectionConfigView>('PUT', config(name), spec),
  removeConfig: (name: string) => request<void>('DELETE', config(name)),
  run: (name: string) => request<InspectionRunView>('POST', `${config(name)}/run`, {}),
  runs: (query: InspectionRunQuery) =>
    request<InspectionRunPage>('GET', `/api/v1/inspections/runs${queryOf(query)}`),
  runView: (id: string) => request<InspectionRunView>('GET', `/api/v1/inspections/runs/${enc(id)}`),
};

export type InspectionItem = InspectionItemList['items'][number];
