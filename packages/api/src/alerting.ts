import type { FromSchema } from 'json-schema-to-ts';
import { ALERT_RULE_STATE_CODES } from './alert-rule-codes.ts';
import { errorResponse } from './errors.ts';

/**
 * Alerting (issue #14): rules from built-in templates or custom PromQL, evaluated once across replicas;
 * alerts with their timeline; silences; inhibition (an Offline cluster holds back its node and pod alerts).
 *
 * Routes (each declares its permission; answers hold only what the caller may read):
 * - GET    /api/v1/alerting/templates                alerts:read   → alertTemplateList
 * - GET    /api/v1/alerting/rules                    alerts:read   → alertRuleList
 * - GET    /api/v1/alerting/rules/:name              alerts:read   → alertRuleView
 * - PUT    /api/v1/alerting/rules/:name              alerts:write on every scope the rule covers (a custom
 *          PromQL rule: monitoring:admin) → 200/201 alertRuleView
 * - DELETE /api/v1/alerting/rules/:name              alerts:write → 204
 * - GET    /api/v1/alerting/alerts?state&level&cluster&namespace&rule&cursor&limit → alertPage
 * - GET    /api/v1/alerting/alerts/:id               alerts:read   → alertView (with its timeline)
 * - GET    /api/v1/alerting/silences?state           alerts:read   → silenceList
 * - POST   /api/v1/alerting/silences                 alerts:write on the silence's cluster/namespace
 *          matchers (a silence without a cluster matcher: platform) → 201 silenceView
 * - DELETE /api/v1/alerting/silences/:id             alerts:write → 200 silenceView (expired now)
 */

const time = { type: 'string', format: 'date-time' } as const;
/** A number or a string (anyOf rather than a type list, which Ajv's strict mode warns about). */
const numberOrString = { anyOf: [{ type: 'number' }, { type: 'string' }] } as const;
const labelMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const ruleName = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
} as const;
/** Go-style duration: 30s, 5m, 1h30m. */
const duration = { type: 'string', pattern: '^([0-9]+(ms|s|m|h|d))+$', maxLength: 32 } as const;

export const ALERT_LEVELS = ['critical', 'warning', 'info'] as const;

/** GET /api/v1/alerting/templates: the built-in rules a user starts from. */
export const alertTemplateList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'level', 'params', 'sources'],
        additionalProperties: false,
        properties: {
          /** node-not-ready, pod-crash-looping, workload-replicas-unavailable, cpu-over-threshold,
           * memory-over-threshold, pvc-almost-full, certificate-expiring, credential-expiring,
           * cluster-offline, control-plane-errors */
          id: { type: 'string' },
          level: { type: 'string', enum: ALERT_LEVELS },
          /** Parameters with their defaults, e.g. { threshold: 0.9, for: '5m' }. */
          params: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'type', 'default'],
              additionalProperties: false,
              properties: {
                name: { type: 'string' },
                type: { type: 'string', enum: ['number', 'duration', 'ratio', 'string'] },
                default: numberOrString,
              },
            },
          },
          /** The metric names (or `portolan` state) the rule reads; a cluster without them makes the rule inactive. */
          sources: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

/** The rule document (PUT body). Exactly one of template or promql. */
export const alertRuleSpec = {
  type: 'object',
  required: ['level'],
  additionalProperties: false,
  properties: {
    description: { type: 'string', maxLength: 2048 },
    template: { type: 'string' },
    params: { type: 'object', additionalProperties: numberOrString },
    /** Custom rule (platform Admins): fires for every series the expression returns. */
    promql: { type: 'string', maxLength: 8192 },
    level: { type: 'string', enum: ALERT_LEVELS },
    /** How long the condition must hold before it fires. */
    for: duration,
    /** Which clusters (names; empty or absent = all the author may write) and namespaces (absent = all). */
    scope: {
      type: 'object',
      additionalProperties: false,
      properties: {
        clusters: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 500 },
        namespaces: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 500 },
      },
    },
    labels: labelMap,
    /** Go-template-free summary with {{label}} placeholders, e.g. "Pod {{namespace}}/{{pod}} restarts". */
    summary: { type: 'string', maxLength: 512 },
    enabled: { type: 'boolean', default: true },
  },
} as const;

/** Per cluster the rule covers: active, or inactive with the reason (its source metrics are missing). */
export const alertRuleClusterState = {
  type: 'object',
  required: ['cluster', 'state'],
  additionalProperties: false,
  properties: {
    cluster: { type: 'string' },
    state: { type: 'string', enum: ['active', 'source-missing', 'engine-unavailable', 'error'] },
    reason: { type: 'string' },
    /** `reason` as a code the console words (ALERT_RULE_STATE_CODES of alert-rule-codes.ts) and its values. */
    reasonCode: { type: 'string', enum: ALERT_RULE_STATE_CODES },
    reasonParams: {
      type: 'object',
      additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    },
    missing: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const alertRuleView = {
  type: 'object',
  required: ['name', 'spec', 'clusters', 'firing', 'createdBy', 'updatedAt'],
  additionalProperties: false,
  properties: {
    name: ruleName,
    spec: alertRuleSpec,
    builtIn: {
      type: 'boolean',
      description: 'Made by Portolan (e.g. cluster-offline); may be disabled, not deleted',
    },
    clusters: { type: 'array', items: alertRuleClusterState },
    firing: { type: 'integer' },
    lastEvaluation: time,
    lastEvaluationMs: { type: 'number' },
    lastError: { type: 'string' },
    createdBy: { type: 'string' },
    updatedBy: { type: 'string' },
    updatedAt: time,
  },
} as const;

export const alertRuleList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: alertRuleView } },
} as const;

export const alertView = {
  type: 'object',
  required: ['id', 'rule', 'level', 'labels', 'summary', 'state', 'startsAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    rule: { type: 'string' },
    level: { type: 'string', enum: ALERT_LEVELS },
    labels: labelMap,
    summary: { type: 'string' },
    description: { type: 'string' },
    /** An alert Portolan raised itself: its summary and description as a code the console words. */
    textCode: {
      type: 'string',
      description:
        'summary and description as a code: RAISED_ALERT_CODES of raised-alert-codes.ts, or template.<code> (TEMPLATE_ALERT_CODES of alert-template-codes.ts)',
    },
    textParams: {
      type: 'object',
      additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    },
    /** firing and delivered; silenced / inhibited: firing but held back (silencedBy / inhibitedBy say by what). */
    state: { type: 'string', enum: ['firing', 'silenced', 'inhibited', 'resolved'] },
    silencedBy: { type: 'string' },
    inhibitedBy: { type: 'string' },
    value: { type: 'number' },
    startsAt: time,
    endsAt: time,
    /** Only on GET /alerts/:id: what happened to it, oldest first. */
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'event'],
        additionalProperties: false,
        properties: {
          at: time,
          /** pending, firing, silenced, unsilenced, inhibited, uninhibited, notified, notify-failed, resolved */
          event: { type: 'string' },
          detail: { type: 'string' },
          /** The detail as a code the console words (ALERT_EVENT_CODES of alert-event-codes.ts). */
          detailCode: { type: 'string' },
          detailParams: {
            type: 'object',
            additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] },
          },
        },
      },
    },
  },
} as const;

export const alertQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    /** active = firing, silenced or inhibited. */
    state: {
      type: 'string',
      enum: ['active', 'firing', 'silenced', 'inhibited', 'resolved', 'all'],
      default: 'active',
    },
    level: { type: 'string', enum: ALERT_LEVELS },
    cluster: { type: 'string' },
    namespace: { type: 'string' },
    rule: { type: 'string' },
    cursor: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

export const alertPage = {
  type: 'object',
  required: ['items', 'counts'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: alertView },
    /** Active alerts the caller may see, by level. */
    counts: {
      type: 'object',
      required: ['critical', 'warning', 'info'],
      additionalProperties: false,
      properties: { critical: { type: 'integer' }, warning: { type: 'integer' }, info: { type: 'integer' } },
    },
    next: { type: 'string' },
  },
} as const;

/** A silence (POST body; the answer adds id, state, createdBy). */
export const silenceSpec = {
  type: 'object',
  required: ['matchers', 'endsAt', 'comment'],
  additionalProperties: false,
  properties: {
    matchers: {
      type: 'array',
      minItems: 1,
      maxItems: 32,
      items: {
        type: 'object',
        required: ['label', 'op', 'value'],
        additionalProperties: false,
        properties: {
          /** alertname (the rule), level, cluster, namespace, node, pod, workload, or any alert label. */
          label: { type: 'string', minLength: 1, maxLength: 128 },
          op: { type: 'string', enum: ['=', '!=', '=~', '!~'] },
          value: { type: 'string', maxLength: 1024 },
        },
      },
    },
    startsAt: time,
    endsAt: time,
    /** Why: shown wherever the silence holds an alert back. */
    comment: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const;

export const silenceView = {
  type: 'object',
  required: ['id', 'matchers', 'startsAt', 'endsAt', 'comment', 'createdBy', 'state'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    ...silenceSpec.properties,
    createdBy: { type: 'string' },
    createdAt: time,
    state: { type: 'string', enum: ['pending', 'active', 'expired'] },
    /** Alerts it holds back now. */
    silencing: { type: 'integer' },
  },
} as const;

export const silenceList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: silenceView } },
} as const;

export const silenceQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { state: { type: 'string', enum: ['pending', 'active', 'expired', 'all'] } },
} as const;

const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });
const rule = '/api/v1/alerting/rules/:name';

/** The alerting routes' contracts, for API_ROUTES (routes.ts). */
export const ALERTING_ROUTES = {
  'GET /api/v1/alerting/templates': { response: answers({ 200: alertTemplateList }) },
  'GET /api/v1/alerting/rules': { response: answers({ 200: alertRuleList }) },
  [`GET ${rule}`]: { response: answers({ 200: alertRuleView }) },
  [`PUT ${rule}`]: { body: alertRuleSpec, response: answers({ 200: alertRuleView, 201: alertRuleView }) },
  // 204 with no body: OpenAPI documents it without a schema, so only the failures are listed here.
  [`DELETE ${rule}`]: { response: answers({}) },
  'GET /api/v1/alerting/alerts': { querystring: alertQuery, response: answers({ 200: alertPage }) },
  'GET /api/v1/alerting/alerts/:id': { response: answers({ 200: alertView }) },
  'GET /api/v1/alerting/silences': { querystring: silenceQuery, response: answers({ 200: silenceList }) },
  'POST /api/v1/alerting/silences': { body: silenceSpec, response: answers({ 201: silenceView }) },
  'DELETE /api/v1/alerting/silences/:id': { response: answers({ 200: silenceView }) },
} as const;

export type AlertLevel = (typeof ALERT_LEVELS)[number];
export type SilenceQuery = FromSchema<typeof silenceQuery>;
export type AlertTemplateList = FromSchema<typeof alertTemplateList>;
export type AlertRuleSpec = FromSchema<typeof alertRuleSpec>;
export type AlertRuleClusterState = FromSchema<typeof alertRuleClusterState>;
export type AlertRuleView = FromSchema<typeof alertRuleView>;
export type AlertRuleList = FromSchema<typeof alertRuleList>;
export type AlertView = FromSchema<typeof alertView>;
export type AlertQuery = FromSchema<typeof alertQuery>;
export type AlertPage = FromSchema<typeof alertPage>;
export type SilenceSpec = FromSchema<typeof silenceSpec>;
export type SilenceView = FromSchema<typeof silenceView>;
export type SilenceList = FromSchema<typeof silenceList>;
