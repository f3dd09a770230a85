import type { ReceiverType } from '@portolan/api';
import type { AlertRecord } from '#server/monitoring/contract.ts';
import { invalid } from './notify-errors.ts';

/** The words a template may use, each filled from the group of alerts a message carries. */
export const PLACEHOLDERS = [
  'status',
  'level',
  'alertname',
  'cluster',
  'namespace',
  'summary',
  'description',
  'count',
  'alerts',
  'link',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
const KNOWN = new Set<string>(PLACEHOLDERS);
const PATTERN = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** Refuses a template naming a placeholder that does not exist (it would stay empty in every message). */
export function checkTemplate(field: string, template: string): string {
  for (const [, name] of template.matchAll(PATTERN))
    if (name && !KNOWN.has(name))
      throw invalid(
        field,
        `{{${name}}} is not a placeholder; use one of ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
      );
  return template;
}

export const render = (template: string, values: Record<Placeholder, string>) =>
  template.replace(PATTERN, (whole, name: string) => (KNOWN.has(name) ? values[name as Placeholder] : whole));

/** One message: the alerts of a group, or the test message of "send test". */
export interface MessageInput {
  kind: 'firing' | 'resolved' | 'test';
  groupLabels: Record<string, string>;
  alerts: AlertRecord[];
  /** The console's address, for links; empty when unknown. */
  consoleUrl: string;
}

const summaryOf = (firing: number, resolved: number) =>
  resolved === 0
    ? `${firing} alerts firing`
    : firing === 0
      ? `${resolved} alerts resolved`
      : `${firing} firing, ${resolved} resolved`;

const LEVEL_RANK = { critical: 3, warning: 2, info: 1 } as const;

/** Labels every alert of the message shares with the same value. */
export function commonLabels(alerts: AlertRecord[]): Record<string, string> {
  const [first, ...rest] = alerts;
  if (!first) return {};
  return Object.fromEntries(
    Object.entries(first.labels).filter(([key, value]) => rest.every((alert) => alert.labels[key] === value)),
  );
}

export const alertLink = (consoleUrl: string, id?: string) =>
  consoleUrl ? `${consoleUrl.replace(/\/$/, '')}/alerts${id ? `/${encodeURIComponent(id)}` : ''}` : '';

/** The placeholders' values for one message. Markdown-ish list lines are shared by all chat tools. */
export function valuesOf(input: MessageInput): Record<Placeholder, string> {
  const { alerts } = input;
  const common = { ...commonLabels(alerts), ...input.groupLabels };
  const level = alerts.reduce<AlertRecord['level']>(
    (top, alert) => (LEVEL_RANK[alert.level] > LEVEL_RANK[top] ? alert.level : top),
    alerts[0]?.level ?? 'info',
  );
  const only = alerts.length === 1 ? alerts[0] : undefined;
  const firing = alerts.filter((alert) => alert.state === 'firing').length;
  const lines = alerts.slice(0, 20).map((alert) => {
    const where = [alert.labels.cluster, alert.labels.namespace, alert.labels.pod ?? alert.labels.node]
      .filter(Boolean)
      .join('/');
    const mark = alert.state === 'resolved' ? 'resolved' : alert.level;
    return `- [${mark}] ${alert.summary}${where ? ` (${where})` : ''}`;
  });
  if (alerts.length > 20) lines.push(`- … and ${alerts.length - 20} more`);
  return {
    status: input.kind === 'test' ? 'TEST' : input.kind === 'resolved' ? 'RESOLVED' : 'FIRING',
    level,
    alertname: common.alertname ?? only?.rule ?? '',
    cluster: common.cluster ?? '-',
    namespace: common.namespace ?? '-',
    summary: only ? only.summary : summaryOf(firing, alerts.length - firing),
    description: only?.description ?? '',
    count: String(alerts.length),
    alerts: lines.join('\n'),
    link: alertLink(input.consoleUrl, only?.id),
  };
}

const MARKDOWN_BODY =
  '**{{summary}}**\n\nLevel: {{level}} · Cluster: {{cluster}} · Namespace: {{namespace}} · Alerts: {{count}}\n\n{{alerts}}\n\n[Open in Portolan]({{link}})';

/** Each type's default title and body, in its own markup. */
export const DEFAULT_TEMPLATES: Record<ReceiverType, { title: string; body: string }> = {
  webhook: { title: '[{{status}}] {{alertname}} · {{cluster}}', body: '{{summary}}\n{{alerts}}' },
  email: {
    title: '[{{status}}] {{alertname}} · {{cluster}} ({{count}})',
    body: '{{summary}}\n\nLevel: {{level}}\nCluster: {{cluster}}\nNamespace: {{namespace}}\nAlerts: {{count}}\n\n{{alerts}}\n\n{{description}}\n\nOpen in Portolan: {{link}}',
  },
  dingtalk: { title: '[{{status}}] {{alertname}} · {{cluster}}', body: MARKDOWN_BODY },
  wecom: { title: '[{{status}}] {{alertname}} · {{cluster}}', body: MARKDOWN_BODY },
  feishu: { title: '[{{status}}] {{alertname}} · {{cluster}}', body: MARKDOWN_BODY },
  slack: {
    title: '[{{status}}] {{alertname}} · {{cluster}}',
    body: '*{{summary}}*\nLevel: {{level}} · Cluster: {{cluster}} · Namespace: {{namespace}} · Alerts: {{count}}\n{{alerts}}\n<{{link}}|Open in Portolan>',
  },
};

/** The title and body of a message for a receiver, with its own templates where it has them. */
export function renderMessage(
  type: ReceiverType,
  templates: { title?: string; template?: string },
  input: MessageInput,
): { title: string; body: string; values: Record<Placeholder, string> } {
  const values = valuesOf(input);
  const defaults = DEFAULT_TEMPLATES[type];
  return {
    title: render(templates.title || defaults.title, values),
    // An empty placeholder (no description) leaves no run of blank lines behind.
    body: render(templates.template || defaults.body, values).replace(/\n{3,}/g, '\n\n'),
    values,
  };
}
