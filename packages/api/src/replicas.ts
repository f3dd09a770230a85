import type { FromSchema } from 'json-schema-to-ts';

const held = {
  type: 'object',
  description: 'A piece of work a replica holds the lease of',
  required: ['lease', 'kind', 'target', 'generation', 'since', 'expiresAt'],
  additionalProperties: false,
  properties: {
    lease: { type: 'string', description: 'cluster:<id> or job:<name>' },
    kind: { type: 'string', enum: ['cluster', 'job'] },
    /** The cluster's name (its id when it is gone), or the job's name. */
    target: { type: 'string' },
    generation: { type: 'integer', description: 'Goes up on every change of owner' },
    since: { type: 'string', format: 'date-time', description: 'When this replica took it' },
    expiresAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** GET /api/v1/replicas: the Portolan servers sharing this database and what each owns since when. */
export const replicaList = {
  type: 'object',
  required: ['items', 'unowned'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'address', 'startedAt', 'heartbeatAt', 'self', 'owns'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          address: { type: 'string' },
          startedAt: { type: 'string', format: 'date-time' },
          heartbeatAt: { type: 'string', format: 'date-time' },
          self: { type: 'boolean', description: 'The replica that answered' },
          owns: { type: 'array', items: held },
        },
      },
    },
    unowned: {
      type: 'array',
      description: 'Leases no live replica holds (released, or their owner stopped renewing)',
      items: { type: 'string' },
    },
  },
} as const;
export type ReplicaList = FromSchema<typeof replicaList>;
