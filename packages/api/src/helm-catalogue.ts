import type { FromSchema } from 'json-schema-to-ts';
import { errorResponse } from './errors.ts';

/**
 * Chart repositories and the application catalogue (issue #11): HTTP(S) chart repositories (an
 * index.yaml) and OCI registries, and the charts they hold. Credentials go in and never come out:
 * answers say `hasPassword`.
 */

export const REPOSITORY_TYPES = ['http', 'oci'] as const;
export type RepositoryType = (typeof REPOSITORY_TYPES)[number];
/** `ready`: the last refresh worked; `failed`: it did not (the last good index is kept); `new`: never refreshed. */
export const REPOSITORY_STATUSES = ['new', 'ready', 'failed'] as const;
export type RepositoryStatus = (typeof REPOSITORY_STATUSES)[number];
/** Why a refresh or a check failed, as a stable word; `reason` says it in English. */
export const REPOSITORY_PROBLEMS = [
  'unreachable',
  'tls',
  'bad-credentials',
  'not-found',
  'bad-index',
  'bad-answer',
] as const;
export type RepositoryProblem = (typeof REPOSITORY_PROBLEMS)[number];

const nullableString = { type: ['string', 'null'] } as const;
const repositoryName = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$',
  description: 'lower-case letters, digits and dashes, starting and ending with a letter or digit',
} as const;
const chartName = {
  type: 'string',
  minLength: 1,
  maxLength: 253,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
} as const;

/** What a repository is, as it is added or changed; the password and CA are written, never read back. */
const repositorySettings = {
  url: {
    type: 'string',
    minLength: 1,
    maxLength: 2048,
    description:
      'https://… (or http://) for a chart repository with an index.yaml; oci://host/path for a registry',
  },
  username: { type: 'string', maxLength: 253 },
  password: { type: 'string', maxLength: 8192, description: 'Sealed at rest; never returned' },
  caPem: {
    type: 'string',
    maxLength: 65536,
    description: 'PEM certificates trusted for this repository besides the system ones',
  },
  skipTlsVerify: {
    type: 'boolean',
    description: 'Accept any certificate: anyone on the path can then read and change the charts',
  },
  intervalSeconds: {
    type: 'integer',
    minimum: 0,
    maximum: 604800,
    description: 'How often the index is refreshed; 0 only on demand. Default 3600',
  },
  charts: {
    type: 'array',
    maxItems: 500,
    items: chartName,
    description:
      'OCI only: the charts under the registry path to list (registries need not list their catalogue)',
  },
} as const;

/** POST /api/v1/helm/repositories and POST /api/v1/helm/repositories/check. */
export const repositoryInput = {
  type: 'object',
  required: ['name', 'url'],
  additionalProperties: false,
  properties: { name: repositoryName, ...repositorySettings },
} as const;
export type RepositoryInput = FromSchema<typeof repositoryInput>;

/**
 * PATCH /api/v1/helm/repositories/{name}: the fields given change. An empty `password` (or
 * `caPem`) removes it; absent keeps it.
 */
export const repositoryPatch = {
  type: 'object',
  additionalProperties: false,
  properties: repositorySettings,
} as const;
export type RepositoryPatch = FromSchema<typeof repositoryPatch>;

/** A chart repository as answers show it: never its password or key material. */
export const chartRepository = {
  type: 'object',
  required: [
    'name',
    'type',
    'url',
    'username',
    'hasPassword',
    'hasCa',
    'skipTlsVerify',
    'intervalSeconds',
    'charts',
    'status',
    'problem',
    'reason',
    'lastRefreshAt',
    'lastGoodAt',
    'chartCount',
    'versionCount',
    'createdAt',
  ],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    type: { type: 'string', enum: REPOSITORY_TYPES },
    url: { type: 'string' },
    username: { type: 'string' },
    hasPassword: { type: 'boolean' },
    hasCa: { type: 'boolean' },
    skipTlsVerify: { type: 'boolean' },
    intervalSeconds: { type: 'integer' },
    charts: { type: 'array', items: { type: 'string' } },
    status: { type: 'string', enum: REPOSITORY_STATUSES },
    problem: { type: ['string', 'null'], enum: [...REPOSITORY_PROBLEMS, null] },
    reason: { ...nullableString, description: 'Why the last refresh failed, in words' },
    lastRefreshAt: nullableString,
    lastGoodAt: { ...nullableString, description: 'When the index the catalogue shows was read' },
    chartCount: { type: 'integer' },
    versionCount: { type: 'integer' },
    createdAt: { type: 'string' },
  },
} as const;
export type ChartRepository = FromSchema<typeof chartRepository>;

export const chartRepositoryList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: chartRepository } },
} as const;
export type ChartRepositoryList = FromSchema<typeof chartRepositoryList>;

/** POST /api/v1/helm/repositories/check: what reading the repository found (a refusal is a 4xx). */
export const repositoryCheck = {
  type: 'object',
  required: ['ok', 'charts', 'versions'],
  additionalProperties: false,
  properties: {
    ok: { type: 'boolean' },
    charts: { type: 'integer' },
    versions: { type: 'integer' },
    warnings: { type: 'array', items: { type: 'string' } },
  },
} as const;
export type RepositoryCheck = FromSchema<typeof repositoryCheck>;

export const CHART_SORTS = ['name', 'newest'] as const;
export type ChartSort = (typeof CHART_SORTS)[number];

/** GET /api/v1/helm/charts: one row per chart with its newest version that is not a pre-release. */
export const chartSearchQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 253, description: 'Part of the chart name, or of a keyword' },
    repository: { type: 'string', maxLength: 63 },
    keyword: { type: 'string', maxLength: 253 },
    category: { type: 'string', maxLength: 253 },
    sort: { type: 'string', enum: CHART_SORTS, default: 'name' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    continue: { type: 'string', maxLength: 64 },
  },
} as const;
export type ChartSearchQuery = FromSchema<typeof chartSearchQuery>;

const chartVersionFields = {
  repository: { type: 'string' },
  chart: { type: 'string' },
  version: { type: 'string' },
  appVersion: nullableString,
  description: { type: 'string' },
  keywords: { type: 'array', items: { type: 'string' } },
  category: nullableString,
  /** The icon through Portolan (…/icon), never the chart's own URL: the browser asks no third party. */
  hasIcon: { type: 'boolean' },
  created: nullableString,
  digest: nullableString,
  deprecated: { type: 'boolean' },
  kubeVersion: nullableString,
  prerelease: { type: 'boolean' },
} as const;
const chartVersionRequired = Object.keys(chartVersionFields) as Array<keyof typeof chartVersionFields>;

export const chartSummary = {
  type: 'object',
  required: chartVersionRequired,
  additionalProperties: false,
  properties: chartVersionFields,
} as const;
export type ChartSummary = FromSchema<typeof chartSummary>;

/** Freshness of a repository in a search answer, so the console can mark a failing one. */
const repositoryFreshness = {
  type: 'object',
  required: ['name', 'status', 'lastGoodAt'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    status: { type: 'string', enum: REPOSITORY_STATUSES },
    reason: nullableString,
    lastGoodAt: nullableString,
  },
} as const;

export const chartList = {
  type: 'object',
  required: ['items', 'total', 'repositories', 'categories'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: chartSummary },
    total: { type: 'integer' },
    continue: { type: 'string' },
    repositories: { type: 'array', items: repositoryFreshness },
    categories: { type: 'array', items: { type: 'string' }, description: 'Every category in the catalogue' },
  },
} as const;
export type ChartList = FromSchema<typeof chartList>;

/** GET /api/v1/helm/charts/{repository}/{chart}: every version, newest first. */
export const chartVersionList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: chartSummary } },
} as const;
export type ChartVersionList = FromSchema<typeof chartVersionList>;

const dependency = {
  type: 'object',
  required: ['name'],
  additionalProperties: true,
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    repository: { type: 'string' },
    condition: { type: 'string' },
    alias: { type: 'string' },
  },
} as const;

/** GET /api/v1/helm/charts/{repository}/{chart}/{version}: the version and what its package holds. */
export const chartDetail = {
  type: 'object',
  required: [...chartVersionRequired, 'readme', 'values', 'valuesSchema', 'chartYaml', 'dependencies'],
  additionalProperties: false,
  properties: {
    ...chartVersionFields,
    readme: { ...nullableString, description: 'README.md as text (Markdown); render it without raw HTML' },
    values: { ...nullableString, description: 'values.yaml as text' },
    valuesSchema: { type: ['object', 'null'], additionalProperties: true, description: 'values.schema.json' },
    chartYaml: { type: 'string' },
    dependencies: { type: 'array', items: dependency },
  },
} as const;
export type ChartDetail = FromSchema<typeof chartDetail>;

const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });
const repository = '/api/v1/helm/repositories/:name';

/** The catalogue's routes in API_ROUTES (routes.ts). */
export const HELM_CATALOGUE_ROUTES = {
  'GET /api/v1/helm/repositories': { response: answers({ 200: chartRepositoryList }) },
  'POST /api/v1/helm/repositories': { body: repositoryInput, response: answers({ 201: chartRepository }) },
  'POST /api/v1/helm/repositories/check': {
    body: repositoryInput,
    response: answers({ 200: repositoryCheck }),
  },
  [`GET ${repository}`]: { response: answers({ 200: chartRepository }) },
  [`PATCH ${repository}`]: { body: repositoryPatch, response: answers({ 200: chartRepository }) },
  [`POST ${repository}/refresh`]: { response: answers({ 200: chartRepository }) },
  'GET /api/v1/helm/charts': { querystring: chartSearchQuery, response: answers({ 200: chartList }) },
  'GET /api/v1/helm/charts/:repository/:chart': { response: answers({ 200: chartVersionList }) },
  'GET /api/v1/helm/charts/:repository/:chart/:version': { response: answers({ 200: chartDetail }) },
};
