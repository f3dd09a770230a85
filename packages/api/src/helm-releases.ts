import type { FromSchema } from 'json-schema-to-ts';
import { clusterFreshness } from './search.ts';

/** GET /api/v1/helm/releases: lists are comma-separated, as on a command line. */
export const storedReleaseQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    clusters: {
      type: 'string',
      description: 'comma-separated cluster names; all the caller may read when absent',
    },
    namespaces: { type: 'string', description: 'comma-separated namespaces' },
    q: {
      type: 'string',
      maxLength: 200,
      description: 'a piece of the release name, its namespace or its chart name (any case)',
    },
    status: {
      type: 'string',
      description:
        'comma-separated statuses of the newest revision: deployed, failed, pending-install, pending-upgrade, pending-rollback, superseded, uninstalling, uninstalled, unknown',
    },
    chart: { type: 'string', description: 'comma-separated chart names' },
    outdated: {
      type: 'boolean',
      description: 'true: only releases whose chart has a newer version in the catalogue',
    },
    sort: { type: 'string', enum: ['name', 'namespace', 'cluster', 'updated', 'status', 'chart'] },
    order: { type: 'string', enum: ['asc', 'desc'] },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    continue: { type: 'string' },
  },
} as const;

const nullableString = { type: ['string', 'null'] } as const;

/** A newer version of a release's chart, from the catalogue's repositories. */
export const newerChartVersion = {
  type: 'object',
  required: ['version', 'repository'],
  additionalProperties: false,
  properties: { version: { type: 'string' }, repository: { type: 'string' } },
} as const;

/** What the store keeps of one revision: metadata only, never its values, manifest or notes. */
const revisionFields = {
  revision: { type: 'integer' },
  status: { type: 'string' },
  chart: { type: 'string', description: 'empty when the payload could not be read (see decodeError)' },
  chartVersion: { type: 'string' },
  appVersion: nullableString,
  description: nullableString,
  updated: {
    ...nullableString,
    description: "the revision's last deployment; the Secret's creation time if helm wrote none",
  },
  decodeError: {
    ...nullableString,
    description:
      'why the release payload could not be read (missing, not-base64, too-large, not-gzip, not-json, not-a-release; not-decoded: stored before the server read payloads, read at the next sync); then name, revision and status come from the labels',
  },
} as const;
const revisionRequired = [
  'revision',
  'status',
  'chart',
  'chartVersion',
  'appVersion',
  'description',
  'updated',
  'decodeError',
] as const;

/** One release: its newest revision. */
export const storedRelease = {
  type: 'object',
  required: [
    'cluster',
    'namespace',
    'name',
    ...revisionRequired,
    'icon',
    'firstDeployed',
    'catalogueVersion',
    'newerVersion',
  ],
  additionalProperties: false,
  properties: {
    cluster: { type: 'string' },
    namespace: { type: 'string' },
    name: { type: 'string' },
    ...revisionFields,
    icon: nullableString,
    firstDeployed: nullableString,
    catalogueVersion: {
      description:
        'the newest version of this chart (by name) in the catalogue, not a pre-release; null when no repository has it',
      anyOf: [newerChartVersion, { type: 'null' }],
    },
    newerVersion: {
      description:
        'the newest version of this chart in the catalogue when it is newer than the one running; null otherwise',
      anyOf: [newerChartVersion, { type: 'null' }],
    },
  },
} as const;

/** One page of releases across clusters, with each cluster's freshness as search answers carry it. */
export const storedReleaseList = {
  type: 'object',
  required: ['items', 'total', 'clusters', 'catalogue'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: storedRelease },
    total: { type: 'integer', description: 'releases matching the filters, over every page' },
    continue: { type: 'string' },
    clusters: { type: 'array', items: clusterFreshness },
    catalogue: {
      type: 'string',
      enum: ['checked', 'unavailable'],
      description:
        'unavailable: there is no chart catalogue to compare with, so newerVersion is null throughout',
    },
  },
} as const;

/** One revision of a release, from the store. */
export const storedRevision = {
  type: 'object',
  required: [...revisionRequired],
  additionalProperties: false,
  properties: revisionFields,
} as const;

/** Every stored revision of one release, newest first; `cluster` says whether the store is current. */
export const storedRevisionList = {
  type: 'object',
  required: ['items', 'cluster'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: storedRevision },
    cluster: clusterFreshness,
  },
} as const;

export type StoredReleaseQuery = FromSchema<typeof storedReleaseQuery>;
export type NewerChartVersion = FromSchema<typeof newerChartVersion>;
export type StoredRelease = FromSchema<typeof storedRelease>;
export type StoredReleaseList = FromSchema<typeof storedReleaseList>;
export type StoredRevision = FromSchema<typeof storedRevision>;
export type StoredRevisionList = FromSchema<typeof storedRevisionList>;
