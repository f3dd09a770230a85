import { fillWords } from './fill-words.ts';

/**
 * The summary and description of the alerts Portolan's templates raise (GET /api/v1/alerting/templates
 * shows them with `{{label}}` placeholders), as words with `{name}` placeholders: a label of the alert or
 * `value` (issue #10). An alert of a rule that keeps its template's words carries `textCode`
 * `template.<code>` and `textParams` (the values its words need, and `detail`, a line after the
 * description) beside its English; the console words the same code in the reader's language
 * (apps/web/src/features/alerting/template-words-zh.ts; a test checks every code has words with the
 * same placeholders). `cluster-offline-built-in` is the rule Portolan makes at start, whose own
 * description is the one below.
 */
export const TEMPLATE_ALERT_WORDS = {
  'node-not-ready': {
    summary: 'Node {node} of cluster {cluster} is not Ready',
    description: 'The node’s Ready condition is not True: its pods may not run or be reachable.',
  },
  'pod-crash-looping': {
    summary: 'Pod {namespace}/{pod} on {cluster} is crash-looping ({container})',
    description:
      'A container waits in CrashLoopBackOff, or restarted more than the rule’s count within its window.',
  },
  'workload-replicas-unavailable': {
    summary: '{workload_kind} {namespace}/{workload} on {cluster} has {value} replicas unavailable',
    description: 'Fewer replicas are available than the workload asks for.',
  },
  'cpu-over-threshold': {
    summary: 'Node {node} of {cluster} uses {value} of its allocatable CPU',
    description: 'CPU use over the node’s allocatable CPU is above the rule’s threshold.',
  },
  'memory-over-threshold': {
    summary: 'Node {node} of {cluster} uses {value} of its allocatable memory',
    description: 'Memory in use over the node’s allocatable memory is above the rule’s threshold.',
  },
  'pvc-almost-full': {
    summary: 'Volume claim {namespace}/{persistentvolumeclaim} on {cluster} is {value} full',
    description: 'Used bytes over the volume’s capacity is above the rule’s threshold (from the kubelet).',
  },
  'certificate-expiring': {
    summary: 'The client certificate Portolan uses for {cluster} expires in {value} days',
    description: 'Replace the cluster’s kubeconfig before it expires, or Portolan loses the cluster.',
  },
  'credential-expiring': {
    summary: 'The {kind} Portolan uses for {cluster} expires in {value} days',
    description: 'Replace the cluster’s kubeconfig before it expires, or Portolan loses the cluster.',
  },
  'cluster-offline': {
    summary: 'Cluster {cluster} is offline',
    description:
      'Portolan cannot reach the cluster’s API server. Its other alerts are held back (inhibited) until it answers.',
  },
  'cluster-offline-built-in': {
    summary: 'Cluster {cluster} is offline',
    description: 'Made by Portolan: a cluster it cannot reach. Disable it rather than delete it.',
  },
  'control-plane-errors': {
    summary: 'The API server of {cluster} answers {value} of its requests with 5xx',
    description: 'The share of API server requests that fail with a server error is above the threshold.',
  },
} as const;

export type TemplateAlertCode = keyof typeof TEMPLATE_ALERT_WORDS;

/** Every code a template alert's text can carry: the single list the console's words are checked against. */
export const TEMPLATE_ALERT_CODES = Object.keys(TEMPLATE_ALERT_WORDS) as TemplateAlertCode[];

/**
 * The line a template alert's description ends with, as a code (`detailCode` among its values, with
 * `detail.<name>` values): `expires` for an expiring credential; `cluster-reason` for an offline
 * cluster's reason (then `reasonCode` is the cluster's reason code, cluster-reasons.ts).
 */
export const TEMPLATE_DETAIL_WORDS = {
  expires: 'expires {at}',
} as const;

export type TemplateDetailCode = keyof typeof TEMPLATE_DETAIL_WORDS;
export const TEMPLATE_DETAIL_CODES = Object.keys(TEMPLATE_DETAIL_WORDS) as TemplateDetailCode[];

/** A template detail line in English, with its code and values as they ride in the alert's textParams. */
export function templateDetail(code: TemplateDetailCode, params: Record<string, string | number>) {
  const values: Record<string, string | number> = { detailCode: code };
  for (const [name, value] of Object.entries(params)) values[`detail.${name}`] = value;
  return { detail: fillWords(TEMPLATE_DETAIL_WORDS[code], params), values };
}
