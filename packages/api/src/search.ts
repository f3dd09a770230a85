import type { FromSchema } from 'json-schema-to-ts';
import { clusterReasonCode, clusterReasonParams } from './cluster-reasons.ts';
import { syncReasonCode, syncReasonParams } from './sync-reasons.ts';

/** GET /api/v1/search: lists are comma-separated, as users write them on a command line. */
export const searchQuery = {
  type: 'object',
  required: ['kinds'],
  additionalProperties: false,
  properties: {
    kinds: { type: 'string', minLength: 1 },
    clusters: { type: 'string' },
    clusterSelector: { type: 'string' },
    namespaces: { type: 'string' },
    labelSelector: { type: 'string' },
    name: { type: 'string' },
    nameContains: { type: 'string', minLength: 1 },
    owner: { type: 'string' },
    node: { type: 'string' },
    phase: {
      type: 'string',
      description:
        "comma-separated status words: a pod's phase, a node's Ready/NotReady/Unknown, a workload's health in words (Available, Progressing, Degraded, Paused, Suspended, Complete), an event's type (Normal, Warning)",
    },
    reason: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      description:
        "an event's reason (BackOff, FailedScheduling), exactly: every event with it, not only the newest",
    },
    sort: { type: 'string', enum: ['name', 'created', 'namespace', 'cluster'] },
    order: { type: 'string', enum: ['asc', 'desc'] },
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
    continue: { type: 'string' },
    objects: { type: 'boolean' },
    fields: {
      type: 'string',
      maxLength: 2000,
      description:
        'comma-separated paths (status.phase,spec.containers.name, at most 32): each object keeps only these, nested as stored; a step into an array applies to every element. Secrets stay masked.',
    },
  },
} as const;

const nullableString = { type: ['string', 'null'] } as const;

/** One stored object as a row: where it lives, its names and the fields search filters on. */
export const searchItem = {
  type: 'object',
  required: [
    'cluster',
    'group',
    'version',
    'resource',
    'kind',
    'namespace',
    'name',
    'uid',
    'resourceVersion',
    'labels',
    'ownerUid',
    'nodeName',
    'phase',
    'createdAt',
  ],
  additionalProperties: false,
  properties: {
    cluster: { type: 'string' },
    group: { type: 'string' },
    version: { type: 'string' },
    resource: { type: 'string' },
    kind: { type: 'string' },
    namespace: { type: 'string' },
    name: { type: 'string' },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    ownerUid: nullableString,
    nodeName: nullableString,
    phase: nullableString,
    createdAt: nullableString,
    object: {
      description:
        'the stored object (only the `fields` paths when asked with fields); absent when asked with objects=false',
    },
  },
} as const;

/** Per cluster, whether its part of the answer is current (the store may lag or have lost it), and why not. */
export const clusterFreshness = {
  type: 'object',
  required: [
    'name',
    'status',
    'error',
    'reasonCode',
    'reasonParams',
    'failedResource',
    'syncReasonCode',
    'syncReasonParams',
    'lastSeenAt',
    'syncedAt',
  ],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    status: { type: 'string', enum: ['fresh', 'stale', 'syncing', 'failed'] },
    error: nullableString,
    /** An Offline cluster's reason as a code and values (the cluster's own), else null. */
    reasonCode: clusterReasonCode,
    reasonParams: clusterReasonParams,
    /** A failed cluster's type whose sync failed (`plural` or `plural.group`), else null. */
    failedResource: nullableString,
    /** Why that type's sync failed, as the sync state's code and values (sync-reasons.ts), else null. */
    syncReasonCode,
    syncReasonParams,
    lastSeenAt: nullableString,
    syncedAt: { ...nullableString, description: 'the oldest last-event time over the kinds asked for' },
  },
} as const;

/** One page of a search; `continue` asks for the next. */
export const searchAnswer = {
  type: 'object',
  required: ['items', 'remaining', 'estimated', 'clusters'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: searchItem },
    continue: { type: 'string' },
    remaining: { type: 'integer' },
    estimated: { type: 'boolean' },
    clusters: { type: 'array', items: clusterFreshness },
  },
} as const;

export type SearchQuery = FromSchema<typeof searchQuery>;
export type SearchItem = FromSchema<typeof searchItem>;
export type ClusterFreshness = FromSchema<typeof clusterFreshness>;
export type SearchAnswer = FromSchema<typeof searchAnswer>;
