import type { FromSchema } from 'json-schema-to-ts';
import { errorResponse } from './errors.ts';

/**
 * Monitoring (issue #14): named metrics at cluster, node, namespace, workload, pod and container level,
 * answered by a real metrics engine (a Prometheus that Portolan runs, or one a cluster points to).
 *
 * Routes (each declares its permission):
 * - GET  /api/v1/monitoring/engine                  monitoring:read  → metricsEngineStatus
 *        (targets only for clusters the caller may read)
 * - PUT  /api/v1/monitoring/sources/:cluster        monitoring:admin → metricsSource (an external
 *        Prometheus/VictoriaMetrics URL for this cluster, or `managed`); GET the same path reads it
 * - GET  /api/v1/monitoring/catalogue               monitoring:read  → metricCatalogue
 * - POST /api/v1/monitoring/series                  monitoring:read on the scope → metricSeriesAnswer
 *        (cluster and node levels need a cluster-wide grant; namespace and below that namespace's)
 * - GET  /api/v1/monitoring/top?cluster&level&metric&limit   → metricTopAnswer (only what the caller may read)
 * - POST /api/v1/monitoring/promql                  monitoring:admin → metricSeriesAnswer (raw PromQL)
 */

const time = { type: 'string', format: 'date-time' } as const;

export const METRIC_LEVELS = ['cluster', 'node', 'namespace', 'workload', 'pod', 'container'] as const;
export const EMPTY_REASONS = [
  'target-down',
  'not-provided',
  'no-data',
  'engine-unavailable',
  'forbidden',
] as const;

/** GET /api/v1/monitoring/engine */
export const metricsEngineStatus = {
  type: 'object',
  required: ['mode', 'available', 'targets'],
  additionalProperties: false,
  properties: {
    /** managed: Portolan runs Prometheus; off: no engine (charts say so); external-only: every cluster points elsewhere. */
    mode: { type: 'string', enum: ['managed', 'off', 'external-only'] },
    available: { type: 'boolean' },
    /** Why it is not available, and what to do. */
    reason: { type: 'string' },
    version: { type: 'string' },
    /** Which replica runs the managed engine. */
    replica: { type: 'string' },
    retention: { type: 'string', description: 'e.g. 15d' },
    retentionBytes: { type: 'integer' },
    sampleLimit: { type: 'integer', description: 'per scrape; a scrape over it fails and says so' },
    scrapeIntervalSeconds: { type: 'integer' },
    memoryBytes: { type: 'integer', description: 'resident memory of the engine process' },
    series: { type: 'integer', description: 'series in the head block' },
    targets: {
      type: 'array',
      items: {
        type: 'object',
        required: ['cluster', 'job', 'health'],
        additionalProperties: false,
        properties: {
          cluster: { type: 'string' },
          job: { type: 'string' },
          source: { type: 'string', enum: ['managed', 'external'] },
          health: { type: 'string', enum: ['up', 'down', 'unknown'] },
          lastScrape: time,
          lastError: { type: 'string' },
          lastScrapeDurationMs: { type: 'number' },
          samples: { type: 'integer' },
        },
      },
    },
  },
} as const;

/** GET/PUT /api/v1/monitoring/sources/:cluster */
export const metricsSource = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['managed', 'external'] },
    /** external: the Prometheus-compatible query API's base URL (http or https). */
    url: { type: 'string', maxLength: 2048 },
    /** external: the label that names the cluster in that engine's series (default cluster), and its value. */
    clusterLabel: { type: 'string', maxLength: 128 },
    clusterValue: { type: 'string', maxLength: 256 },
    /** external: a bearer token, sealed at rest and never returned (answers say hasToken). */
    bearerToken: { type: 'string', maxLength: 8192, writeOnly: true },
    hasToken: { type: 'boolean', readOnly: true },
    insecureSkipTlsVerify: { type: 'boolean' },
  },
} as const;

/** GET /api/v1/monitoring/catalogue: every named metric. */
export const metricCatalogue = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'levels', 'unit', 'source'],
        additionalProperties: false,
        properties: {
          /** e.g. cpu_usage, memory_usage, cpu_requests, cpu_utilisation, pod_restarts, apiserver_request_rate */
          name: { type: 'string' },
          levels: { type: 'array', items: { type: 'string', enum: METRIC_LEVELS } },
          /** cores | bytes | bytes/s | ratio | count | requests/s | seconds */
          unit: { type: 'string' },
          /** kubelet (resource metrics), state (object state), apiserver, etcd, cadvisor */
          source: { type: 'string' },
        },
      },
    },
  },
} as const;

/** POST /api/v1/monitoring/series: named metrics of one object over a range. */
export const metricSeriesQuery = {
  type: 'object',
  required: ['metrics', 'level', 'cluster'],
  additionalProperties: false,
  properties: {
    metrics: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 12 },
    level: { type: 'string', enum: METRIC_LEVELS },
    cluster: { type: 'string', minLength: 1 },
    namespace: { type: 'string' },
    /** node name (node level), workload name (with workloadKind), pod name, or container name with pod. */
    name: { type: 'string' },
    workloadKind: { type: 'string', enum: ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] },
    pod: { type: 'string', description: 'container level: the pod the container runs in' },
    /** 15m | 1h | 6h | 24h | 7d, or start/end. */
    range: { type: 'string', enum: ['15m', '1h', '6h', '24h', '7d'] },
    start: time,
    end: time,
    /** Seconds between points; chosen from the range when absent (about 120 points). */
    stepSeconds: { type: 'integer', minimum: 5, maximum: 86_400 },
  },
} as const;

/** POST /api/v1/monitoring/promql (platform Admins): raw PromQL, instant without start/end. */
export const promqlQuery = {
  type: 'object',
  required: ['query'],
  additionalProperties: false,
  properties: {
    query: { type: 'string', minLength: 1, maxLength: 8192 },
    /** Whose source answers; the managed engine when absent. */
    cluster: { type: 'string' },
    start: time,
    end: time,
    stepSeconds: { type: 'integer', minimum: 1, maximum: 86_400 },
  },
} as const;

/** The answer of /series and /promql: every requested metric has series or an empty entry with its reason. */
export const metricSeriesAnswer = {
  type: 'object',
  required: ['series', 'empty'],
  additionalProperties: false,
  properties: {
    start: time,
    end: time,
    stepSeconds: { type: 'integer' },
    series: {
      type: 'array',
      items: {
        type: 'object',
        required: ['metric', 'labels', 'points'],
        additionalProperties: false,
        properties: {
          metric: { type: 'string' },
          unit: { type: 'string' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          /** [milliseconds since the epoch, value], oldest first. */
          points: {
            type: 'array',
            items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
          },
        },
      },
    },
    empty: {
      type: 'array',
      items: {
        type: 'object',
        required: ['metric', 'reason', 'message'],
        additionalProperties: false,
        properties: {
          metric: { type: 'string' },
          reason: { type: 'string', enum: EMPTY_REASONS },
          /** A sentence for people: what is missing and what to do. */
          message: { type: 'string' },
          /** The last scrape error, the engine's error, … */
          detail: { type: 'string' },
        },
      },
    },
    /** The PromQL that ran, per metric (platform Admins only). */
    promql: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

/** GET /api/v1/monitoring/top: the biggest consumers in a cluster now. */
export const metricTopQuery = {
  type: 'object',
  required: ['cluster'],
  additionalProperties: false,
  properties: {
    cluster: { type: 'string', minLength: 1 },
    level: { type: 'string', enum: ['node', 'namespace', 'workload', 'pod'], default: 'pod' },
    metric: { type: 'string', enum: ['cpu_usage', 'memory_usage'], default: 'cpu_usage' },
    namespace: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
  },
} as const;

export const metricTopAnswer = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    at: time,
    unit: { type: 'string' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['labels', 'value'],
        additionalProperties: false,
        properties: {
          /** node | namespace | namespace+workload_kind+workload | namespace+pod */
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          value: { type: 'number' },
          /** Against allocatable (node) or requests (others), when known. */
          ratio: { type: 'number' },
        },
      },
    },
    empty: metricSeriesAnswer.properties.empty.items,
    /** The PromQL that ran: the top list, then its denominators (platform Admins only). */
    promql: { type: 'array', items: { type: 'string' } },
  },
} as const;

export type MetricLevel = (typeof METRIC_LEVELS)[number];
export type EmptyReasonName = (typeof EMPTY_REASONS)[number];
export type MetricsEngineStatus = FromSchema<typeof metricsEngineStatus>;
export type MetricsSourceSettings = FromSchema<typeof metricsSource>;
export type MetricCatalogue = FromSchema<typeof metricCatalogue>;
export type MetricSeriesQuery = FromSchema<typeof metricSeriesQuery>;
export type PromqlQuery = FromSchema<typeof promqlQuery>;
export type MetricSeriesAnswer = FromSchema<typeof metricSeriesAnswer>;
export type MetricTopQuery = FromSchema<typeof metricTopQuery>;
export type MetricTopAnswer = FromSchema<typeof metricTopAnswer>;

const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });

/** The catalogue, series, top consumers and raw PromQL routes, as the server registers them. */
export const MONITORING_QUERY_ROUTES = {
  'GET /api/v1/monitoring/catalogue': { response: answers({ 200: metricCatalogue }) },
  'POST /api/v1/monitoring/series': {
    body: metricSeriesQuery,
    response: answers({ 200: metricSeriesAnswer }),
  },
  'GET /api/v1/monitoring/top': { querystring: metricTopQuery, response: answers({ 200: metricTopAnswer }) },
  'POST /api/v1/monitoring/promql': { body: promqlQuery, response: answers({ 200: metricSeriesAnswer }) },
};

/** The engine's state and the per-cluster source routes, as the server registers them. */
export const MONITORING_ENGINE_ROUTES = {
  'GET /api/v1/monitoring/engine': { response: answers({ 200: metricsEngineStatus }) },
  'GET /api/v1/monitoring/sources/:cluster': { response: answers({ 200: metricsSource }) },
  'PUT /api/v1/monitoring/sources/:cluster': {
    body: metricsSource,
    response: answers({ 200: metricsSource }),
  },
};
