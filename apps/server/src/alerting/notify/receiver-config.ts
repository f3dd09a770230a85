import type { ReceiverType, ReceiverView } from '@portolan/api';
import type { ReceiverInput } from './inputs.ts';
import { checkTemplate } from './message-template.ts';
import { invalid } from './notify-errors.ts';

/** The fields of a receiver that are sealed at rest and never answered. */
export interface ReceiverSecrets {
  url?: string;
  secret?: string;
  headers?: Record<string, string>;
  password?: string;
}

/** A receiver's settings without its secrets, as stored in clear. */
export interface ReceiverSettings {
  type: ReceiverType;
  description?: string;
  smtp?: {
    host: string;
    port: number;
    security?: 'starttls' | 'tls' | 'none';
    requireTls?: boolean;
    username?: string;
    from: string;
    to: string[];
  };
  title?: string;
  template?: string;
  retries?: number;
  timeoutSeconds?: number;
  /** The URL's scheme and host, kept in clear so answers can show where messages go. */
  urlHost?: string;
}

/** A receiver ready to send: settings and secrets together. */
export interface Receiver {
  name: string;
  settings: ReceiverSettings;
  secrets: ReceiverSecrets;
}

const URL_TYPES = new Set<ReceiverType>(['webhook', 'dingtalk', 'wecom', 'feishu', 'slack']);
const SIGNED_TYPES = new Set<ReceiverType>(['dingtalk', 'feishu']);
// An address as mail servers take it: something@domain with a dot, no spaces; optionally "Name <addr>".
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const NAMED_EMAIL = /^[^<>]*<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

export const isEmailAddress = (text: string) => EMAIL.test(text) || NAMED_EMAIL.test(text.trim());

/** What each chat tool's robot URL must carry, so a pasted wrong link is refused with the reason. */
function checkChatUrl(type: ReceiverType, url: URL): void {
  if (type === 'dingtalk' && !url.searchParams.get('access_token'))
    throw invalid(
      'url',
      'a DingTalk robot URL carries access_token (https://oapi.dingtalk.com/robot/send?access_token=…): copy it whole from the robot settings',
    );
  if (type === 'wecom' && !url.searchParams.get('key'))
    throw invalid(
      'url',
      'a WeCom robot URL carries key (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…): copy it whole from the robot settings',
    );
  if (type === 'feishu' && !/\/hook\/[^/]+$/.test(url.pathname))
    throw invalid(
      'url',
      'a Feishu robot URL ends with /hook/<token> (https://open.feishu.cn/open-apis/bot/v2/hook/…): copy it whole from the robot settings',
    );
}

function parseUrl(type: ReceiverType, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(
      'url',
      `"${text.slice(0, 80)}" is not a URL: give the full address, such as https://hooks.example/alerts`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid('url', `the URL must be http or https, not ${url.protocol.replace(/:$/, '')}`);
  if (url.username || url.password)
    throw invalid('url', 'put credentials in headers (webhook) rather than in the URL');
  checkChatUrl(type, url);
  return url;
}

/**
 * Checks a PUT body and splits it into settings kept in clear and secrets to seal. A secret left out
 * keeps its stored value when the type stays the same (answers never show them, so a form that edits
 * only the description sends none); `previous` holds those.
 */
export function splitReceiverSpec(
  spec: ReceiverInput,
  previous: { settings: ReceiverSettings; secrets: ReceiverSecrets } | undefined,
): { settings: ReceiverSettings; secrets: ReceiverSecrets } {
  const type = spec.type as ReceiverType;
  const kept = previous?.settings.type === type ? previous.secrets : {};
  const secrets: ReceiverSecrets = {};
  const settings: ReceiverSettings = { type };
  if (spec.description !== undefined) settings.description = spec.description;
  if (spec.title !== undefined) settings.title = checkTemplate('title', spec.title);
  if (spec.template !== undefined) settings.template = checkTemplate('template', spec.template);
  settings.retries = spec.retries ?? 3;
  settings.timeoutSeconds = spec.timeoutSeconds ?? 10;

  if (URL_TYPES.has(type)) {
    const url = spec.url ?? kept.url;
    if (!url) throw invalid('url', `a ${type} receiver needs the URL to post to`);
    const parsed = parseUrl(type, url);
    secrets.url = url;
    settings.urlHost = `${parsed.protocol}//${parsed.host}`;
  } else if (spec.url !== undefined) throw invalid('url', 'an email receiver has no URL: give smtp settings');
  if (spec.secret !== undefined && !SIGNED_TYPES.has(type))
    throw invalid('secret', 'only DingTalk and Feishu robots sign their messages with a secret');
  const secret = spec.secret ?? (SIGNED_TYPES.has(type) ? kept.secret : undefined);
  if (secret) secrets.secret = secret;
  if (spec.headers !== undefined && type !== 'webhook')
    throw invalid('headers', 'only webhook receivers send extra headers');
  const headers = spec.headers ?? (type === 'webhook' ? kept.headers : undefined);
  if (headers) {
    for (const [name, value] of Object.entries(headers)) {
      if (!HEADER_NAME.test(name)) throw invalid('headers', `"${name}" is not a valid HTTP header name`);
      if (/[\r\n]/.test(value))
        throw invalid('headers', `the value of header ${name} may not hold a line break`);
    }
    if (Object.keys(headers).length > 0) secrets.headers = headers;
  }

  if (type === 'email') {
    const smtp = spec.smtp;
    if (!smtp) throw invalid('smtp', 'an email receiver needs smtp settings: host, port, from and to');
    if (!isEmailAddress(smtp.from)) throw invalid('smtp.from', `"${smtp.from}" is not an email address`);
    for (const to of smtp.to)
      if (!isEmailAddress(to)) throw invalid('smtp.to', `"${to}" is not an email address`);
    const { password, ...rest } = smtp;
    settings.smtp = { ...rest, security: smtp.security ?? 'starttls' };
    const keptPassword = previous?.settings.smtp?.username === smtp.username ? kept.password : undefined;
    const pass = password ?? keptPassword;
    if (pass) {
      if (!smtp.username) throw invalid('smtp.username', 'a password needs the username it belongs to');
      secrets.password = pass;
    }
  } else if (spec.smtp !== undefined) throw invalid('smtp', `a ${type} receiver has no smtp settings`);
  return { settings, secrets };
}

/** Which sealed fields hold a value (answers say `set`, never the value). */
export const setFields = (secrets: ReceiverSecrets) =>
  (['url', 'secret', 'headers', 'password'] as const).filter((key) => secrets[key] !== undefined);

export function receiverViewOf(
  name: string,
  settings: ReceiverSettings,
  secrets: ReceiverSecrets,
  meta: { updatedBy: string; updatedAt: Date },
): ReceiverView {
  return {
    name,
    type: settings.type,
    ...(settings.description !== undefined && { description: settings.description }),
    ...(settings.smtp && { smtp: settings.smtp }),
    ...(settings.urlHost && { urlHost: settings.urlHost }),
    ...(settings.title !== undefined && { title: settings.title }),
    ...(settings.template !== undefined && { template: settings.template }),
    ...(settings.retries !== undefined && { retries: settings.retries }),
    ...(settings.timeoutSeconds !== undefined && { timeoutSeconds: settings.timeoutSeconds }),
    set: setFields(secrets),
    updatedBy: meta.updatedBy,
    updatedAt: meta.updatedAt.toISOString(),
  };
}
