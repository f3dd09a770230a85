import type { FromSchema } from 'json-schema-to-ts';
import { kubeObject } from './errors.ts';
import { workloadHealth } from './workloads.ts';

/** GET …/rollout: where a rollout stands, in words and numbers (as `kubectl rollout status`). */
export const rolloutStatus = {
  type: 'object',
  required: ['health', 'done', 'replicas'],
  additionalProperties: false,
  properties: {
    health: workloadHealth,
    done: { type: 'boolean', description: 'the latest change is fully rolled out and available' },
    replicas: {
      type: 'object',
      required: ['desired', 'updated', 'ready', 'available'],
      additionalProperties: false,
      properties: {
        desired: { type: 'integer' },
        updated: { type: 'integer' },
        ready: { type: 'integer' },
        available: { type: 'integer' },
      },
    },
  },
} as const;

/** One kept revision of a workload. */
export const revision = {
  type: 'object',
  required: ['revision', 'source', 'images', 'current'],
  additionalProperties: false,
  properties: {
    revision: { type: 'integer' },
    source: { type: 'string', description: 'the ReplicaSet or ControllerRevision that keeps it' },
    createdAt: { type: 'string' },
    images: { type: 'array', items: { type: 'string' } },
    changeCause: { type: 'string' },
    current: { type: 'boolean' },
    template: kubeObject,
    data: {},
  },
} as const;

/** GET …/revisions: every kept revision, oldest first. */
export const revisionList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: revision } },
} as const;

export type RolloutStatus = FromSchema<typeof rolloutStatus>;
export type Revision = FromSchema<typeof revision>;
export type RevisionList = FromSchema<typeof revisionList>;
