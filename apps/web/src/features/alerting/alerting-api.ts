import type {
  AlertPage,
  AlertQuery,
  AlertRuleList,
  AlertRuleSpec,
  AlertRuleView,
  AlertTemplateList,
  AlertView,
  DeliveryPage,
  DeliveryQuery,
  DeliveryView,
  PolicyList,
  PolicySpec,
  PolicyView,
  ReceiverList,
  ReceiverSpec,
  ReceiverView,
  SilenceList,
  SilenceSpec,
  SilenceView,
} from '@portolan/api';
import { request } from '../../api/client.ts';

const enc = encodeURIComponent;

/** A request body as sent: the fields the server fills with their defaults may be left out. */
export type WithDefaults<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
export type ReceiverInput = WithDefaults<ReceiverSpec, 'retries' | 'timeoutSeconds'>;
export type PolicyInput = WithDefaults<PolicySpec, 'order' | 'sendResolved' | 'continue' | 'enabled'>;

/** Query strings without the empty parts. */
export function queryOf(query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The alerting routes (packages/api/src/alerting.ts); all public REST API. */
export const alertingApi = {
  templates: () => request<AlertTemplateList>('GET', '/api/v1/alerting/templates'),
  rules: () => request<AlertRuleList>('GET', '/api/v1/alerting/rules'),
  rule: (name: string) => request<AlertRuleView>('GET', `/api/v1/alerting/rules/${enc(name)}`),
  saveRule: (name: string, spec: AlertRuleSpec) =>
    request<AlertRuleView>('PUT', `/api/v1/alerting/rules/${enc(name)}`, spec),
  removeRule: (name: string) => request<void>('DELETE', `/api/v1/alerting/rules/${enc(name)}`),
  alerts: (query: AlertQuery) => request<AlertPage>('GET', `/api/v1/alerting/alerts${queryOf(query)}`),
  alert: (id: string) => request<AlertView>('GET', `/api/v1/alerting/alerts/${enc(id)}`),
  silences: (state?: string) => request<SilenceList>('GET', `/api/v1/alerting/silences${queryOf({ state })}`),
  createSilence: (spec: SilenceSpec) => request<SilenceView>('POST', '/api/v1/alerting/silences', spec),
  expireSilence: (id: string) => request<SilenceView>('DELETE', `/api/v1/alerting/silences/${enc(id)}`),
};

/** The notification routes (packages/api/src/notifications.ts). */
export const notificationsApi = {
  receivers: () => request<ReceiverList>('GET', '/api/v1/notifications/receivers'),
  saveReceiver: (name: string, spec: ReceiverInput) =>
    request<ReceiverView>('PUT', `/api/v1/notifications/receivers/${enc(name)}`, spec),
  removeReceiver: (name: string) => request<void>('DELETE', `/api/v1/notifications/receivers/${enc(name)}`),
  testReceiver: (name: string) =>
    request<DeliveryView>('POST', `/api/v1/notifications/receivers/${enc(name)}/test`, {}),
  policies: () => request<PolicyList>('GET', '/api/v1/notifications/policies'),
  savePolicy: (name: string, spec: PolicyInput) =>
    request<PolicyView>('PUT', `/api/v1/notifications/policies/${enc(name)}`, spec),
  removePolicy: (name: string) => request<void>('DELETE', `/api/v1/notifications/policies/${enc(name)}`),
  deliveries: (query: DeliveryQuery) =>
    request<DeliveryPage>('GET', `/api/v1/notifications/deliveries${queryOf(query)}`),
};

export type AlertState = AlertView['state'];
export type AlertTemplate = AlertTemplateList['items'][number];
export type SilenceMatcher = SilenceSpec['matchers'][number];
