import type { FromSchema } from 'json-schema-to-ts';
import { anyObject } from './errors.ts';

const nullable = <T extends 'string' | 'number' | 'integer'>(type: T) => ({ type: [type, 'null'] }) as const;

/** A cluster's health as the registry records it. */
export const CLUSTER_STATUSES = ['Ready', 'Offline', 'Unknown'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];
/** What GET /api/v1/clusters sorts by; `status` puts Offline, then Unknown, before Ready. */
export const CLUSTER_SORTS = ['name', 'status', 'version', 'nodes', 'created'] as const;
export type ClusterSort = (typeof CLUSTER_SORTS)[number];

/** A registered cluster with its health, as GET /api/v1/clusters lists it; never its credentials. */
export const cluster = {
  type: 'object',
  description: 'A registered cluster with its health; never its credentials',
  required: [
    'id',
    'name',
    'displayName',
    'description',
    'labels',
    'serverUrl',
    'status',
    'reason',
    'lastSeenAt',
    'probeLatencyMs',
    'version',
    'platform',
    'nodeCount',
    'createdAt',
    'updatedAt',
    'credentialExpiry',
    'warnings',
  ],
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    displayName: { type: 'string' },
    description: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    serverUrl: { type: 'string' },
    status: { type: 'string', enum: CLUSTER_STATUSES },
    reason: nullable('string'),
    lastSeenAt: nullable('string'),
    probeLatencyMs: nullable('number'),
    version: nullable('string'),
    platform: nullable('string'),
    nodeCount: nullable('integer'),
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    credentialExpiry: { type: 'array', items: anyObject },
    warnings: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** GET /api/v1/clusters: filters, sort and paging; without `limit` every matching cluster comes at once. */
export const clusterListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    labelSelector: {
      type: 'string',
      maxLength: 2000,
      description:
        "a Kubernetes label selector over the clusters' labels: env=prod,tier!=edge,region in (eu,us),!canary",
    },
    status: {
      type: 'string',
      maxLength: 200,
      description: 'comma-separated, any case: Ready, Offline, Unknown',
    },
    q: { type: 'string', maxLength: 253, description: 'name or display name contains, any case' },
    sort: { type: 'string', enum: CLUSTER_SORTS },
    order: { type: 'string', enum: ['asc', 'desc'] },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    continue: { type: 'string', maxLength: 2000 },
  },
} as const;

/** GET /api/v1/clusters: the clusters the caller may see that match, one page of them. */
export const clusterList = {
  type: 'object',
  required: ['items', 'total', 'continue'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: cluster },
    total: { type: 'integer', description: 'clusters matching the filters, over every page' },
    continue: {
      ...nullable('string'),
      description: 'ask again with this for the next page; null on the last',
    },
  },
} as const;

export type Cluster = FromSchema<typeof cluster>;
export type ClusterList = FromSchema<typeof clusterList>;
export type ClusterListQuery = FromSchema<typeof clusterListQuery>;
