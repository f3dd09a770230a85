import type { FromSchema } from 'json-schema-to-ts';
import { errorResponse } from './errors.ts';

/**
 * Inspections (issue #14): configured checks of a cluster at cluster, node and workload/pod level, run
 * now or on a cron schedule, each run a report with a score per level, failures first, every finding
 * with the object, why it matters and how to fix it. A check that cannot run is `skipped` with the
 * reason, never a false failure. Exemptions by annotation `portolan.dev/inspection-exempt: "<item>,<item>|*"`
 * on the object (or its namespace) or in the configuration.
 *
 * Routes:
 * - GET    /api/v1/inspections/items                         inspections:read → inspectionItemList (catalogue)
 * - GET    /api/v1/inspections/configs                       inspections:read → inspectionConfigList
 * - GET    /api/v1/inspections/configs/:name                 inspections:read → inspectionConfigView
 * - PUT    /api/v1/inspections/configs/:name                 inspections:write on its cluster → 200/201
 * - DELETE /api/v1/inspections/configs/:name                 inspections:write → 204 (its runs go too)
 * - POST   /api/v1/inspections/configs/:name/run             inspections:write → 202 inspectionRunView (running)
 * - GET    /api/v1/inspections/runs?config&cluster&cursor&limit  inspections:read → inspectionRunPage (no findings)
 * - GET    /api/v1/inspections/runs/:id                      inspections:read → inspectionRunView with findings
 * - GET    /api/v1/inspections/runs/:id/report.html          inspections:read → text/html, a standalone page
 * - GET    /api/v1/inspections/runs/:id/report.json          inspections:read → attachment of inspectionRunView
 * Permission is checked on the run's cluster; findings in namespaces the caller may not read are left out
 * (scores stay those of the whole run, and the answer says how many were hidden).
 */

const time = { type: 'string', format: 'date-time' } as const;
/** A parameter's value; anyOf rather than a list of types, which the server's validator takes only loosely. */
const paramValue = { anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] } as const;
const configName = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
} as const;

export const INSPECTION_LEVELS = ['cluster', 'node', 'workload'] as const;
export const INSPECTION_SEVERITIES = ['critical', 'warning', 'info'] as const;

/** GET /api/v1/inspections/items: every check Portolan knows. */
export const inspectionItemList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'level', 'severity', 'params'],
        additionalProperties: false,
        properties: {
          /** e.g. component-health, etcd-health, certificate-expiry, credential-expiry, version-skew,
           * deprecated-apis, requests-vs-allocatable, node-conditions, node-heartbeat, node-pressure,
           * node-pod-capacity, node-usage, pod-not-running, pod-restarts, pod-pending, image-latest,
           * missing-requests-limits, missing-probes, privileged-containers, root-containers,
           * single-replica-no-pdb, pvc-pending-lost, service-no-endpoints, job-failing,
           * unused-configmaps, unused-secrets */
          id: { type: 'string' },
          level: { type: 'string', enum: INSPECTION_LEVELS },
          severity: { type: 'string', enum: INSPECTION_SEVERITIES },
          params: { type: 'object', additionalProperties: paramValue },
        },
      },
    },
  },
} as const;

/** PUT body. */
export const inspectionConfigSpec = {
  type: 'object',
  required: ['cluster'],
  additionalProperties: false,
  properties: {
    cluster: { type: 'string', minLength: 1 },
    description: { type: 'string', maxLength: 1024 },
    /** Namespaces to inspect (absent: all). */
    namespaces: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 500 },
    /** Per item: on or off, its severity and parameters; items not named run with their defaults. */
    items: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['id'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', minLength: 1 },
          enabled: { type: 'boolean', default: true },
          severity: { type: 'string', enum: INSPECTION_SEVERITIES },
          params: { type: 'object', additionalProperties: paramValue },
        },
      },
    },
    /** Objects exempt from items: item '*' for every item; namespace/kind/name absent match all. */
    exemptions: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        required: ['item'],
        additionalProperties: false,
        properties: {
          item: { type: 'string', minLength: 1 },
          namespace: { type: 'string' },
          kind: { type: 'string' },
          name: { type: 'string' },
          reason: { type: 'string', maxLength: 512 },
        },
      },
    },
    /** Five-field cron in UTC, e.g. "0 2 * * *"; absent: run only on demand. */
    schedule: { type: 'string', maxLength: 128 },
    /** Runs kept, newest first. */
    keepRuns: { type: 'integer', minimum: 1, maximum: 1000, default: 30 },
  },
} as const;

const score = {
  type: 'object',
  required: ['score', 'passed', 'failed', 'skipped'],
  additionalProperties: false,
  properties: {
    /** 0–100: passed checks weighed by severity. */
    score: { type: 'number' },
    passed: { type: 'integer' },
    failed: { type: 'integer' },
    skipped: { type: 'integer' },
  },
} as const;

export const inspectionFinding = {
  type: 'object',
  required: ['item', 'level', 'severity', 'status', 'message'],
  additionalProperties: false,
  properties: {
    item: { type: 'string' },
    level: { type: 'string', enum: INSPECTION_LEVELS },
    severity: { type: 'string', enum: INSPECTION_SEVERITIES },
    /** failed: a problem found; skipped: the check could not run (reason in message); exempt: held back. */
    status: { type: 'string', enum: ['failed', 'skipped', 'exempt'] },
    object: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { type: 'string' },
        namespace: { type: 'string' },
        name: { type: 'string' },
      },
    },
    /** Portolan's English, made from `code` and `params` (runs older than the codes have it alone). */
    message: { type: 'string' },
    /** What was found, as a code the console words in the reader's language (INSPECTION_FINDING_CODES). */
    code: { type: 'string' },
    /** The code's values: names, counts, thresholds, and Kubernetes' own text as it wrote it. */
    params: { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
    why: { type: 'string' },
    fix: { type: 'string' },
  },
} as const;

export const inspectionRunView = {
  type: 'object',
  required: ['id', 'config', 'cluster', 'state', 'trigger', 'startedAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    config: { type: 'string' },
    cluster: { type: 'string' },
    state: { type: 'string', enum: ['running', 'succeeded', 'failed'] },
    /** Why a run failed as a whole (cluster offline, store unavailable…). */
    error: { type: 'string' },
    /** The error as a code the console words (INSPECTION_RUN_ERROR_CODES), and its values. */
    errorCode: { type: 'string' },
    errorParams: {
      type: 'object',
      additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    },
    trigger: { type: 'string', enum: ['manual', 'schedule'] },
    startedBy: { type: 'string' },
    startedAt: time,
    finishedAt: time,
    durationMs: { type: 'number' },
    /** Objects looked at, by kind. */
    objects: { type: 'object', additionalProperties: { type: 'integer' } },
    scores: {
      type: 'object',
      additionalProperties: false,
      properties: { overall: score, cluster: score, node: score, workload: score },
    },
    /** Only on GET /runs/:id and the downloads: failures first (critical first), then skipped, then exempt. */
    findings: { type: 'array', items: inspectionFinding },
    /** Findings left out because they are in namespaces the caller may not read. */
    hidden: { type: 'integer' },
  },
} as const;

export const inspectionConfigView = {
  type: 'object',
  required: ['name', 'spec', 'updatedAt'],
  additionalProperties: false,
  properties: {
    name: configName,
    spec: inspectionConfigSpec,
    nextRun: time,
    lastRun: inspectionRunView,
    createdBy: { type: 'string' },
    updatedBy: { type: 'string' },
    updatedAt: time,
  },
} as const;

export const inspectionConfigList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: inspectionConfigView } },
} as const;

export const inspectionRunQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    config: { type: 'string' },
    cluster: { type: 'string' },
    cursor: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
} as const;

export const inspectionRunPage = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: inspectionRunView }, next: { type: 'string' } },
} as const;

export type InspectionLevel = (typeof INSPECTION_LEVELS)[number];
export type InspectionSeverity = (typeof INSPECTION_SEVERITIES)[number];
export type InspectionItemList = FromSchema<typeof inspectionItemList>;
export type InspectionConfigSpec = FromSchema<typeof inspectionConfigSpec>;
export type InspectionFinding = FromSchema<typeof inspectionFinding>;
export type InspectionRunView = FromSchema<typeof inspectionRunView>;
export type InspectionConfigView = FromSchema<typeof inspectionConfigView>;
export type InspectionConfigList = FromSchema<typeof inspectionConfigList>;
export type InspectionRunQuery = FromSchema<typeof inspectionRunQuery>;
export type InspectionRunPage = FromSchema<typeof inspectionRunPage>;

const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });
const config = '/api/v1/inspections/configs/:name';
const run = '/api/v1/inspections/runs/:id';

/** The inspection routes as the server registers them (see the list at the top of this file). */
export const INSPECTION_ROUTES = {
  'GET /api/v1/inspections/items': { response: answers({ 200: inspectionItemList }) },
  'GET /api/v1/inspections/configs': { response: answers({ 200: inspectionConfigList }) },
  [`GET ${config}`]: { response: answers({ 200: inspectionConfigView }) },
  [`PUT ${config}`]: {
    body: inspectionConfigSpec,
    response: answers({ 200: inspectionConfigView, 201: inspectionConfigView }),
  },
  // 204 with no body: OpenAPI documents it without a schema, so only the failures are listed here.
  [`DELETE ${config}`]: { response: answers({}) },
  [`POST ${config}/run`]: { response: answers({ 202: inspectionRunView }) },
  'GET /api/v1/inspections/runs': {
    querystring: inspectionRunQuery,
    response: answers({ 200: inspectionRunPage }),
  },
  [`GET ${run}`]: { response: answers({ 200: inspectionRunView }) },
  // A page (text/html), not JSON: only the failures are JSON.
  [`GET ${run}/report.html`]: { response: answers({}) },
  [`GET ${run}/report.json`]: { response: answers({ 200: inspectionRunView }) },
} as const;
