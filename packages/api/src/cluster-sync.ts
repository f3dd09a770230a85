import type { FromSchema } from 'json-schema-to-ts';
import { syncReasonCode, syncReasonParams } from './sync-reasons.ts';

const nullable = <T extends 'string' | 'number' | 'integer'>(type: T) => ({ type: [type, 'null'] }) as const;

/** Why a sync failed: the server's English, and its code and values for the console to word. */
const failure = {
  error: { ...nullable('string'), description: "the server's English; null while it works" },
  reasonCode: syncReasonCode,
  reasonParams: syncReasonParams,
} as const;

/** One resource type's sync as the engine runs it now, on the replica that owns the cluster. */
const engineResource = {
  type: 'object',
  required: ['group', 'version', 'resource', 'kind', 'state', 'lastEventAt', 'error'],
  additionalProperties: true,
  properties: {
    group: { type: 'string' },
    version: { type: 'string' },
    resource: { type: 'string' },
    kind: { type: 'string' },
    state: { type: 'string', enum: ['listing', 'watching', 'backoff', 'stopped'] },
    resourceVersion: nullable('string'),
    lastEventAt: nullable('string'),
    relists: { type: 'integer' },
    ...failure,
  },
} as const;

/** One resource type's sync as the store keeps it (every replica reads the same). */
const storedResource = {
  type: 'object',
  required: ['group', 'version', 'resource', 'objectCount', 'lastEventAt', 'lagMs', 'error'],
  additionalProperties: true,
  properties: {
    clusterId: { type: 'string' },
    group: { type: 'string' },
    version: { type: 'string' },
    resource: { type: 'string' },
    resourceVersion: nullable('string'),
    objectCount: { type: 'integer' },
    lastEventAt: nullable('string'),
    lagMs: nullable('number'),
    ...failure,
  },
} as const;

/**
 * GET /api/v1/clusters/{name}/sync: the engine's state (null on a replica that does not own the
 * cluster) and each resource type's stored state. Errors carry `reasonCode`/`reasonParams`
 * (sync-reasons.ts); states kept before the codes have the English alone until the next failure.
 */
export const syncAnswer = {
  type: 'object',
  required: ['cluster', 'engine', 'resources'],
  additionalProperties: false,
  properties: {
    cluster: { type: 'string' },
    engine: {
      anyOf: [
        {
          type: 'object',
          required: ['state', 'error', 'lastDiscoveryAt', 'resources'],
          additionalProperties: true,
          properties: {
            clusterId: { type: 'string' },
            state: { type: 'string', enum: ['discovering', 'syncing', 'backoff', 'stopped'] },
            lastDiscoveryAt: nullable('string'),
            resources: { type: 'array', items: engineResource },
            ...failure,
          },
        },
        { type: 'null' },
      ],
    },
    resources: { type: 'array', items: storedResource },
  },
} as const;
export type SyncAnswer = FromSchema<typeof syncAnswer>;
