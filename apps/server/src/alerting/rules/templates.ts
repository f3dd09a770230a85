import { TEMPLATE_ALERT_WORDS, type TemplateAlertCode, templateDetail } from '@portolan/api';
import type { AlertLevel } from '#server/store/alerting/alerting-store.ts';
import { anyOf, promqlString } from './labels.ts';

/** What Portolan itself knows of a registered cluster, for the templates that need no metrics. */
export interface ClusterFact {
  name: string;
  status: 'Ready' | 'Offline' | 'Unknown';
  reason: string | null;
  /** The reason as a code and values (cluster-reasons.ts), when it has one. */
  reasonCode?: string | null;
  reasonParams?: Record<string, string | number> | null;
  /** The credential Portolan uses for it, as far as its lifetime goes. */
  credentials: Array<{ kind: string; field: string; expiresAt: Date | undefined; renewable: boolean }>;
}

export type ParamValue = number | string;

export interface TemplateParam {
  name: string;
  type: 'number' | 'duration' | 'ratio' | 'string';
  default: ParamValue;
}

/** One series a rule found for one cluster: its labels (cluster included) and value. */
export interface Finding {
  labels: Record<string, string>;
  value: number;
  /** A line for the alert's description (e.g. the cluster's own reason). */
  detail?: string;
  /** `detail` as a code and values, as they ride in the alert's textParams (templateDetail). */
  detailValues?: Record<string, string | number>;
}

export interface Scope {
  cluster: string;
  /** Absent: every namespace. */
  namespaces?: string[];
}

export interface AlertTemplate {
  id: string;
  level: AlertLevel;
  params: TemplateParam[];
  /** The metric names it reads, or `portolan` for Portolan's own state. */
  sources: string[];
  summary: string;
  description: string;
  /** A PromQL expression for one cluster; every series it returns is one alert. */
  promql?: (scope: Scope, params: Record<string, ParamValue>) => string;
  /** Portolan's own state of one cluster; works with the metrics engine off. */
  portolan?: (cluster: ClusterFact, params: Record<string, ParamValue>, now: Date) => Finding[];
}

/** `{cluster="c1",namespace=~"a|b",…}` for one cluster's series. */
function selector(scope: Scope, more: string[] = [], namespaced = true): string {
  const parts = [`cluster=${promqlString(scope.cluster)}`];
  if (namespaced && scope.namespaces) parts.push(`namespace=~${promqlString(anyOf(scope.namespaces))}`);
  return `{${[...parts, ...more].join(',')}}`;
}

/** A template's summary and description with `{{label}}` placeholders (the words a rule shows and may override). */
function templateWords(code: TemplateAlertCode) {
  const words = TEMPLATE_ALERT_WORDS[code];
  const doubled = (text: string) => text.replace(/\{(\w+)\}/g, '{{$1}}');
  return { summary: doubled(words.summary), description: doubled(words.description) };
}

const detailOf = (coded: ReturnType<typeof templateDetail>) => ({
  detail: coded.detail,
  detailValues: coded.values,
});

/** An offline cluster's own reason, with its code and values when the cluster has them. */
function offlineDetail(cluster: ClusterFact): Pick<Finding, 'detail' | 'detailValues'> {
  const detail = cluster.reason ?? '';
  if (!cluster.reasonCode) return { detail };
  const values: Record<string, string | number> = {
    detailCode: 'cluster-reason',
    reasonCode: cluster.reasonCode,
  };
  for (const [name, value] of Object.entries(cluster.reasonParams ?? {})) values[`detail.${name}`] = value;
  return { detail, detailValues: values };
}

const num = (value: ParamValue | undefined) => Number(value);
const DAY = 86_400_000;

/** Credentials expiring within the rule's days; `kinds` picks client certificates or the rest. */
function expiring(kinds: (kind: string) => boolean) {
  return (cluster: ClusterFact, params: Record<string, ParamValue>, now: Date): Finding[] =>
    cluster.credentials
      .filter((credential) => kinds(credential.kind) && !credential.renewable && credential.expiresAt)
      .map((credential) => ({
        credential,
        left: ((credential.expiresAt as Date).getTime() - now.getTime()) / DAY,
      }))
      .filter(({ left }) => left <= num(params.days))
      .map(({ credential, left }) => ({
        labels: { cluster: cluster.name, credential: credential.field, kind: credential.kind },
        value: Math.floor(left * 10) / 10,
        ...detailOf(templateDetail('expires', { at: (credential.expiresAt as Date).toISOString() })),
      }));
}

const isCertificate = (kind: string) => kind === 'client-certificate';

/** The built-in rules a user starts from (GET /api/v1/alerting/templates). */
export const TEMPLATES: readonly AlertTemplate[] = [
  {
    id: 'node-not-ready',
    level: 'critical',
    params: [{ name: 'for', type: 'duration', default: '5m' }],
    sources: ['kube_node_status_condition'],
    ...templateWords('node-not-ready'),
    promql: (scope) =>
      `max by (cluster, node) (kube_node_status_condition${selector(scope, ['condition="Ready"', 'status="true"'], false)}) == 0`,
  },
  {
    id: 'pod-crash-looping',
    level: 'warning',
    params: [
      { name: 'restarts', type: 'number', default: 3 },
      { name: 'window', type: 'duration', default: '10m' },
      { name: 'for', type: 'duration', default: '1m' },
    ],
    sources: ['kube_pod_container_status_restarts_total', 'kube_pod_container_status_waiting_reason'],
    ...templateWords('pod-crash-looping'),
    promql: (scope, params) =>
      `max by (cluster, namespace, pod, container) (kube_pod_container_status_waiting_reason${selector(scope, ['reason="CrashLoopBackOff"'])} == 1)` +
      ` or max by (cluster, namespace, pod, container) (increase(kube_pod_container_status_restarts_total${selector(scope)}[${params.window}]) > ${num(params.restarts)})`,
  },
  {
    id: 'workload-replicas-unavailable',
    level: 'warning',
    params: [{ name: 'for', type: 'duration', default: '5m' }],
    sources: ['kube_deployment_spec_replicas', 'kube_deployment_status_replicas_available'],
    ...templateWords('workload-replicas-unavailable'),
    promql: (scope) => {
      const s = selector(scope);
      const named = (expr: string, kind: string, label: string) =>
        `label_replace(label_replace(${expr}, "workload", "$1", "${label}", "(.+)"), "workload_kind", "${kind}", "", "")`;
      return [
        named(
          `(max by (cluster, namespace, deployment) (kube_deployment_spec_replicas${s}) - max by (cluster, namespace, deployment) (kube_deployment_status_replicas_available${s})) > 0`,
          'Deployment',
          'deployment',
        ),
        named(
          `(max by (cluster, namespace, statefulset) (kube_statefulset_replicas${s}) - max by (cluster, namespace, statefulset) (kube_statefulset_status_replicas_ready${s})) > 0`,
          'StatefulSet',
          'statefulset',
        ),
        named(
          `(max by (cluster, namespace, daemonset) (kube_daemonset_status_desired_number_scheduled${s}) - max by (cluster, namespace, daemonset) (kube_daemonset_status_number_available${s})) > 0`,
          'DaemonSet',
          'daemonset',
        ),
      ]
        .map((expr) => `(${expr})`)
        .join(' or ');
    },
  },
  {
    id: 'cpu-over-threshold',
    level: 'warning',
    params: [
      { name: 'threshold', type: 'ratio', default: 0.9 },
      { name: 'for', type: 'duration', default: '10m' },
    ],
    sources: ['node_cpu_usage_seconds_total', 'kube_node_status_allocatable'],
    ...templateWords('cpu-over-threshold'),
    promql: (scope, params) =>
      `sum by (cluster, node) (rate(node_cpu_usage_seconds_total${selector(scope, [], false)}[5m])) / sum by (cluster, node) (kube_node_status_allocatable${selector(scope, ['resource="cpu"'], false)}) > ${num(params.threshold)}`,
  },
  {
    id: 'memory-over-threshold',
    level: 'warning',
    params: [
      { name: 'threshold', type: 'ratio', default: 0.9 },
      { name: 'for', type: 'duration', default: '10m' },
    ],
    sources: ['node_memory_working_set_bytes', 'kube_node_status_allocatable'],
    ...templateWords('memory-over-threshold'),
    promql: (scope, params) =>
      `sum by (cluster, node) (node_memory_working_set_bytes${selector(scope, [], false)}) / sum by (cluster, node) (kube_node_status_allocatable${selector(scope, ['resource="memory"'], false)}) > ${num(params.threshold)}`,
  },
  {
    id: 'pvc-almost-full',
    level: 'warning',
    params: [
      { name: 'threshold', type: 'ratio', default: 0.9 },
      { name: 'for', type: 'duration', default: '5m' },
    ],
    sources: ['kubelet_volume_stats_used_bytes', 'kubelet_volume_stats_capacity_bytes'],
    ...templateWords('pvc-almost-full'),
    promql: (scope, params) =>
      `max by (cluster, namespace, persistentvolumeclaim) (kubelet_volume_stats_used_bytes${selector(scope)} / kubelet_volume_stats_capacity_bytes${selector(scope)}) > ${num(params.threshold)}`,
  },
  {
    id: 'certificate-expiring',
    level: 'warning',
    params: [
      { name: 'days', type: 'number', default: 30 },
      { name: 'for', type: 'duration', default: '0s' },
    ],
    sources: ['portolan'],
    ...templateWords('certificate-expiring'),
    portolan: expiring(isCertificate),
  },
  {
    id: 'credential-expiring',
    level: 'warning',
    params: [
      { name: 'days', type: 'number', default: 14 },
      { name: 'for', type: 'duration', default: '0s' },
    ],
    sources: ['portolan'],
    ...templateWords('credential-expiring'),
    portolan: expiring((kind) => !isCertificate(kind)),
  },
  {
    id: 'cluster-offline',
    level: 'critical',
    params: [{ name: 'for', type: 'duration', default: '1m' }],
    sources: ['portolan'],
    ...templateWords('cluster-offline'),
    portolan: (cluster) =>
      cluster.status === 'Offline'
        ? [
            {
              labels: { cluster: cluster.name },
              value: 1,
              ...(cluster.reason ? offlineDetail(cluster) : {}),
            },
          ]
        : [],
  },
  {
    id: 'control-plane-errors',
    level: 'warning',
    params: [
      { name: 'threshold', type: 'ratio', default: 0.05 },
      { name: 'for', type: 'duration', default: '10m' },
    ],
    sources: ['apiserver_request_total'],
    ...templateWords('control-plane-errors'),
    promql: (scope, params) =>
      `sum by (cluster) (rate(apiserver_request_total${selector(scope, ['code=~"5.."'], false)}[5m])) / sum by (cluster) (rate(apiserver_request_total${selector(scope, [], false)}[5m])) > ${num(params.threshold)}`,
  },
];

export const templateById = (id: string) => TEMPLATES.find((template) => template.id === id);

/** The rule Portolan makes at start: it may be disabled, not deleted. */
export const BUILT_IN_RULES = [
  {
    name: 'cluster-offline',
    spec: {
      template: 'cluster-offline',
      level: 'critical' as const,
      for: '1m',
      description: TEMPLATE_ALERT_WORDS['cluster-offline-built-in'].description,
      enabled: true,
    },
  },
];
