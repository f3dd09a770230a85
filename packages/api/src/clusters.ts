import type { FromSchema } from 'json-schema-to-ts';
import { anyObject } from './errors.ts';

const nullable = <T extends 'string' | 'number' | 'integer'>(type: T) => ({ type: [type, 'null'] }) as const;

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
    status: { type: 'string', enum: ['Ready', 'Offline', 'Unknown'] },
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

/** GET /api/v1/clusters: the clusters the caller may see. */
export const clusterList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: cluster } },
} as const;

export type Cluster = FromSchema<typeof cluster>;
export type ClusterList = FromSchema<typeof clusterList>;
