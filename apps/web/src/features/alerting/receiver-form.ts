import type { ReceiverType, ReceiverView } from '@portolan/api';
import type { ReceiverInput } from './alerting-api.ts';

/** The receiver form's values; sealed fields (url, secret, headers, password) start empty when editing. */
export interface ReceiverForm {
  name: string;
  type: ReceiverType;
  description?: string;
  url?: string;
  secret?: string;
  headers?: { name: string; value: string }[];
  smtp?: {
    host?: string;
    port?: number;
    security?: 'starttls' | 'tls' | 'none';
    requireTls?: boolean;
    username?: string;
    password?: string;
    from?: string;
    to?: string[];
  };
  title?: string;
  template?: string;
  retries?: number;
  timeoutSeconds?: number;
}

/** Types that post to a URL, and those whose robots sign their messages. */
export const URL_TYPES: readonly ReceiverType[] = ['webhook', 'dingtalk', 'wecom', 'feishu', 'slack'];
export const SECRET_TYPES: readonly ReceiverType[] = ['dingtalk', 'feishu'];

/** The placeholders a title or template may use (packages/api/src/notifications.ts). */
export const PLACEHOLDERS = [
  'status',
  'level',
  'alertname',
  'cluster',
  'namespace',
  'summary',
  'count',
  'alerts',
];

const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * The document a filled form saves. A sealed field left empty is left out, so the server keeps the one
 * it has (the form says "set — leave empty to keep"); fields of other types are left out too.
 */
export function receiverSpecOf(form: ReceiverForm): ReceiverInput {
  const headers = (form.headers ?? []).filter((header) => header.name?.trim());
  const smtp = form.smtp;
  const spec: ReceiverInput = { type: form.type };
  const description = text(form.description);
  if (description) spec.description = description;
  if (URL_TYPES.includes(form.type) && text(form.url)) spec.url = text(form.url);
  if (SECRET_TYPES.includes(form.type) && text(form.secret)) spec.secret = text(form.secret);
  if (form.type === 'webhook' && headers.length)
    spec.headers = Object.fromEntries(headers.map((header) => [header.name.trim(), header.value ?? '']));
  if (form.type === 'email' && smtp)
    spec.smtp = {
      host: smtp.host?.trim() ?? '',
      port: smtp.port ?? 587,
      security: smtp.security ?? 'starttls',
      ...(smtp.requireTls ? { requireTls: true } : {}),
      ...(text(smtp.username) ? { username: text(smtp.username) } : {}),
      ...(smtp.password ? { password: smtp.password } : {}),
      from: smtp.from?.trim() ?? '',
      to: (smtp.to ?? []).map((address) => address.trim()).filter(Boolean),
    };
  const title = text(form.title);
  if (title) spec.title = title;
  if (form.template?.trim()) spec.template = form.template;
  if (form.retries !== undefined && form.retries !== null) spec.retries = form.retries;
  if (form.timeoutSeconds !== undefined && form.timeoutSeconds !== null)
    spec.timeoutSeconds = form.timeoutSeconds;
  return spec;
}

/** A saved receiver as the form edits it: its sealed fields empty (they are never sent back). */
export function receiverFormOf(view: ReceiverView): ReceiverForm {
  return {
    name: view.name,
    type: view.type,
    description: view.description,
    smtp: view.smtp
      ? {
          ...view.smtp,
          security: view.smtp.security as NonNullable<ReceiverForm['smtp']>['security'],
        }
      : undefined,
    title: view.title,
    template: view.template,
    retries: view.retries,
    timeoutSeconds: view.timeoutSeconds,
  };
}

/** Fields the server may name in a refusal, as the form calls them. */
export const RECEIVER_FIELDS = [
  'name',
  'type',
  'description',
  'url',
  'secret',
  'headers',
  'smtp.host',
  'smtp.port',
  'smtp.security',
  'smtp.username',
  'smtp.password',
  'smtp.from',
  'smtp.to',
  'smtp',
  'title',
  'template',
  'retries',
  'timeoutSeconds',
];
