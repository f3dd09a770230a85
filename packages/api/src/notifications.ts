import type { FromSchema } from 'json-schema-to-ts';
import { deliveryErrorCode, deliveryErrorParams } from './delivery-codes.ts';
import { errorResponse } from './errors.ts';

/**
 * Notifications (issue #14): receivers (webhook, email over SMTP, DingTalk, WeCom, Feishu, Slack) and
 * policies that route alerts to them by level, cluster, namespace and labels, with grouping, a repeat
 * interval, message templates, retries, a delivery log of every attempt, a "send test" per receiver,
 * and an alert of its own (NotificationDeliveryFailing) when deliveries keep failing.
 *
 * Routes (platform: receivers hold credentials):
 * - GET    /api/v1/notifications/receivers              notifications:read  → receiverList
 * - GET    /api/v1/notifications/receivers/:name        notifications:read  → receiverView
 * - PUT    /api/v1/notifications/receivers/:name        notifications:write → 200/201 receiverView
 * - DELETE /api/v1/notifications/receivers/:name        notifications:write → 204 (409 while a policy uses it)
 * - POST   /api/v1/notifications/receivers/:name/test   notifications:write → deliveryView (sent now, logged)
 * - GET    /api/v1/notifications/policies               notifications:read  → policyList (in order)
 * - PUT    /api/v1/notifications/policies/:name         notifications:write → 200/201 policyView
 * - DELETE /api/v1/notifications/policies/:name         notifications:write → 204
 * - GET    /api/v1/notifications/deliveries?receiver&policy&ok&alert&cursor&limit  notifications:read → deliveryPage
 */

const time = { type: 'string', format: 'date-time' } as const;
const labelMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const duration = { type: 'string', pattern: '^([0-9]+(ms|s|m|h|d))+$', maxLength: 32 } as const;

export const RECEIVER_TYPES = ['webhook', 'email', 'dingtalk', 'wecom', 'feishu', 'slack'] as const;

/**
 * A receiver (PUT body). Secrets (webhook URLs of chat tools carry their token, a signing secret, the
 * SMTP password, extra headers) are sealed at rest and never returned: answers say which are set.
 */
export const receiverSpec = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: RECEIVER_TYPES },
    description: { type: 'string', maxLength: 1024 },
    /** webhook, dingtalk, wecom, feishu, slack: where to POST. */
    url: { type: 'string', maxLength: 2048, writeOnly: true },
    /** dingtalk and feishu: the signing secret of the robot. */
    secret: { type: 'string', maxLength: 1024, writeOnly: true },
    /** webhook: extra headers (Authorization…), sealed. */
    headers: { ...labelMap, writeOnly: true },
    /** email */
    smtp: {
      type: 'object',
      required: ['host', 'port', 'from', 'to'],
      additionalProperties: false,
      properties: {
        host: { type: 'string', minLength: 1, maxLength: 253 },
        port: { type: 'integer', minimum: 1, maximum: 65_535 },
        /** starttls (upgrade when offered; required if requireTls), tls (implicit), none */
        security: { type: 'string', enum: ['starttls', 'tls', 'none'], default: 'starttls' },
        requireTls: { type: 'boolean' },
        username: { type: 'string', maxLength: 256 },
        password: { type: 'string', maxLength: 1024, writeOnly: true },
        from: { type: 'string', minLength: 3, maxLength: 320 },
        to: {
          type: 'array',
          minItems: 1,
          maxItems: 50,
          items: { type: 'string', minLength: 3, maxLength: 320 },
        },
      },
    },
    /** Message template with {{placeholders}} (status, level, alertname, cluster, namespace, summary,
     * count, alerts); each type has a default. */
    title: { type: 'string', maxLength: 512 },
    template: { type: 'string', maxLength: 16_384 },
    /** Retries after a failed attempt (with backoff) before the delivery counts as failed. */
    retries: { type: 'integer', minimum: 0, maximum: 10, default: 3 },
    timeoutSeconds: { type: 'integer', minimum: 1, maximum: 60, default: 10 },
  },
} as const;

export const receiverView = {
  type: 'object',
  required: ['name', 'type', 'set', 'updatedAt'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    type: { type: 'string', enum: RECEIVER_TYPES },
    description: { type: 'string' },
    /** The receiver's spec without its sealed fields. */
    smtp: {
      type: 'object',
      additionalProperties: false,
      properties: {
        host: { type: 'string' },
        port: { type: 'integer' },
        security: { type: 'string' },
        requireTls: { type: 'boolean' },
        username: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'array', items: { type: 'string' } },
      },
    },
    /** The URL's scheme and host only (its path and query may hold a token). */
    urlHost: { type: 'string' },
    title: { type: 'string' },
    template: { type: 'string' },
    retries: { type: 'integer' },
    timeoutSeconds: { type: 'integer' },
    /** Which sealed fields are set: url, secret, headers, password. */
    set: { type: 'array', items: { type: 'string' } },
    /** The newest delivery's result. */
    lastDelivery: {
      type: 'object',
      additionalProperties: false,
      required: ['at', 'ok'],
      properties: {
        at: time,
        ok: { type: 'boolean' },
        error: { type: 'string' },
        errorCode: deliveryErrorCode,
        errorParams: deliveryErrorParams,
      },
    },
    failingSince: time,
    updatedBy: { type: 'string' },
    updatedAt: time,
  },
} as const;

export const receiverList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: receiverView } },
} as const;

/** A notification policy (PUT body): which alerts, to whom, how grouped and how often. */
export const policySpec = {
  type: 'object',
  required: ['receivers'],
  additionalProperties: false,
  properties: {
    description: { type: 'string', maxLength: 1024 },
    /** Lower first; the first matching policy wins unless it says continue. */
    order: { type: 'integer', minimum: 0, maximum: 10_000, default: 100 },
    match: {
      type: 'object',
      additionalProperties: false,
      properties: {
        levels: { type: 'array', items: { type: 'string', enum: ['critical', 'warning', 'info'] } },
        clusters: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 500 },
        namespaces: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 500 },
        /** Every label must equal. */
        labels: labelMap,
      },
    },
    receivers: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', minLength: 1 } },
    /** Alerts with equal values of these labels go in one message (default: alertname, cluster). */
    groupBy: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 10 },
    groupWait: duration,
    groupInterval: duration,
    repeatInterval: duration,
    sendResolved: { type: 'boolean', default: true },
    continue: { type: 'boolean', default: false },
    enabled: { type: 'boolean', default: true },
  },
} as const;

export const policyView = {
  type: 'object',
  required: ['name', 'spec', 'updatedAt'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    spec: policySpec,
    /** Receivers it names that do not exist (deliveries to them fail and say so). */
    missingReceivers: { type: 'array', items: { type: 'string' } },
    updatedBy: { type: 'string' },
    updatedAt: time,
  },
} as const;

export const policyList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: policyView } },
} as const;

/** One delivery: a message to one receiver, with every attempt. */
export const deliveryView = {
  type: 'object',
  required: ['id', 'receiver', 'at', 'ok', 'attempts', 'alerts'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    receiver: { type: 'string' },
    policy: { type: 'string' },
    /** test: from "send test"; firing / resolved: the group's status. */
    kind: { type: 'string', enum: ['firing', 'resolved', 'test'] },
    group: labelMap,
    /** Alert ids in the message. */
    alerts: { type: 'array', items: { type: 'string' } },
    at: time,
    ok: { type: 'boolean' },
    /** Still being retried. */
    pending: { type: 'boolean' },
    attempts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'ok'],
        additionalProperties: false,
        properties: {
          at: time,
          ok: { type: 'boolean' },
          /** HTTP status, or the SMTP reply code. */
          status: { type: 'integer' },
          error: { type: 'string' },
          /** `error` as a code and values the console words (delivery-codes.ts), when it has one. */
          errorCode: deliveryErrorCode,
          errorParams: deliveryErrorParams,
          durationMs: { type: 'number' },
        },
      },
    },
    title: { type: 'string' },
  },
} as const;

export const deliveryQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    receiver: { type: 'string' },
    policy: { type: 'string' },
    ok: { type: 'boolean' },
    alert: { type: 'string' },
    cursor: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

export const deliveryPage = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: deliveryView }, next: { type: 'string' } },
} as const;

const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });
const receiver = '/api/v1/notifications/receivers/:name';
const policy = '/api/v1/notifications/policies/:name';

/** The notification routes as the server serves them (API_ROUTES spreads them). */
export const NOTIFICATION_ROUTES = {
  'GET /api/v1/notifications/receivers': { response: answers({ 200: receiverList }) },
  [`GET ${receiver}`]: { response: answers({ 200: receiverView }) },
  [`PUT ${receiver}`]: { body: receiverSpec, response: answers({ 200: receiverView, 201: receiverView }) },
  // 204 with no body: OpenAPI documents it without a schema, so only the failures are listed here.
  [`DELETE ${receiver}`]: { response: answers({}) },
  [`POST ${receiver}/test`]: { response: answers({ 200: deliveryView }) },
  'GET /api/v1/notifications/policies': { response: answers({ 200: policyList }) },
  [`PUT ${policy}`]: { body: policySpec, response: answers({ 200: policyView, 201: policyView }) },
  [`DELETE ${policy}`]: { response: answers({}) },
  'GET /api/v1/notifications/deliveries': {
    querystring: deliveryQuery,
    response: answers({ 200: deliveryPage }),
  },
} as const;

export type ReceiverType = (typeof RECEIVER_TYPES)[number];
export type ReceiverSpec = FromSchema<typeof receiverSpec>;
export type ReceiverView = FromSchema<typeof receiverView>;
export type ReceiverList = FromSchema<typeof receiverList>;
export type PolicySpec = FromSchema<typeof policySpec>;
export type PolicyView = FromSchema<typeof policyView>;
export type PolicyList = FromSchema<typeof policyList>;
export type DeliveryView = FromSchema<typeof deliveryView>;
export type DeliveryQuery = FromSchema<typeof deliveryQuery>;
export type DeliveryPage = FromSchema<typeof deliveryPage>;
