import type { ReceiverType } from '@portolan/api';
import { commonLabels, type MessageInput } from './message-template.ts';
import { dingTalkSignedUrl, feishuSignature } from './robot-signing.ts';

/** What goes over HTTP for one message. */
export interface HttpMessage {
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

/** Alertmanager's webhook format (version 4), so tools that take Alertmanager's webhooks take ours. */
export function webhookBody(
  input: MessageInput,
  rendered: { title: string; body: string },
  receiver: string,
) {
  const status = input.kind === 'resolved' ? 'resolved' : 'firing';
  return {
    version: '4',
    groupKey: JSON.stringify(input.groupLabels),
    status,
    receiver,
    groupLabels: input.groupLabels,
    commonLabels: commonLabels(input.alerts),
    commonAnnotations: {},
    externalURL: input.consoleUrl,
    title: rendered.title,
    text: rendered.body,
    test: input.kind === 'test',
    alerts: input.alerts.map((alert) => ({
      status: alert.state,
      labels: { alertname: alert.rule, severity: alert.level, ...alert.labels },
      annotations: { summary: alert.summary, description: alert.description },
      startsAt: alert.startsAt.toISOString(),
      endsAt: alert.endsAt ? alert.endsAt.toISOString() : '0001-01-01T00:00:00Z',
      fingerprint: alert.id,
      generatorURL: '',
    })),
  };
}

/** The request each HTTP receiver type expects, signed where the robot has a secret. */
export function httpMessage(
  type: Exclude<ReceiverType, 'email'>,
  target: { name: string; url: string; secret?: string; headers?: Record<string, string> },
  input: MessageInput,
  rendered: { title: string; body: string },
  nowMs: number,
): HttpMessage {
  const headers = { 'content-type': 'application/json', ...(type === 'webhook' ? target.headers : {}) };
  const resolved = input.kind === 'resolved';
  switch (type) {
    case 'webhook':
      return { url: target.url, headers, body: webhookBody(input, rendered, target.name) };
    case 'dingtalk':
      return {
        url: target.secret ? dingTalkSignedUrl(target.url, target.secret, nowMs) : target.url,
        headers,
        body: {
          msgtype: 'markdown',
          markdown: { title: rendered.title, text: `### ${rendered.title}\n\n${rendered.body}` },
        },
      };
    case 'wecom':
      return {
        url: target.url,
        headers,
        body: { msgtype: 'markdown', markdown: { content: `### ${rendered.title}\n${rendered.body}` } },
      };
    case 'feishu':
      return {
        url: target.url,
        headers,
        body: {
          ...(target.secret ? feishuSignature(target.secret, nowMs) : {}),
          msg_type: 'interactive',
          card: {
            config: { wide_screen_mode: true },
            header: {
              title: { tag: 'plain_text', content: rendered.title },
              template: resolved ? 'green' : input.kind === 'test' ? 'blue' : 'red',
            },
            elements: [{ tag: 'markdown', content: rendered.body }],
          },
        },
      };
    case 'slack':
      return {
        url: target.url,
        headers,
        body: {
          text: rendered.title,
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: rendered.title.slice(0, 150) } },
            { type: 'section', text: { type: 'mrkdwn', text: rendered.body.slice(0, 3000) } },
          ],
        },
      };
  }
}
