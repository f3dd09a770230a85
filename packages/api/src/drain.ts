import type { FromSchema } from 'json-schema-to-ts';
import { errorBody } from './errors.ts';

/** Why a drain leaves a pod on its node. */
const skipReasons = ['DaemonSet', 'MirrorPod', 'Unmanaged', 'LocalStorage'] as const;

/** POST …/nodes/{name}/drain: what to evict and how long to try. */
export const drainBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    timeoutSeconds: {
      type: 'integer',
      minimum: 1,
      maximum: 3600,
      default: 60,
      description: 'how long evictions a PodDisruptionBudget refuses are retried, and evicted pods awaited',
    },
    gracePeriodSeconds: { type: 'integer', minimum: 0, description: "overrides each pod's own" },
    force: { type: 'boolean', description: 'evict pods no controller manages' },
    deleteEmptyDirData: { type: 'boolean', description: 'evict pods with emptyDir volumes' },
    concurrency: {
      type: 'integer',
      minimum: 1,
      maximum: 500,
      description:
        'at most this many pods evicted and not yet gone at once (a rolling drain); all at once when absent',
    },
  },
} as const;

/** One pod's fate at the end of a drain. */
export const drainedPod = {
  type: 'object',
  required: ['namespace', 'name', 'outcome', 'message', 'attempts'],
  additionalProperties: false,
  properties: {
    namespace: { type: 'string' },
    name: { type: 'string' },
    outcome: {
      type: 'string',
      enum: ['evicted', 'skipped', 'blocked', 'failed', 'stopped'],
      description:
        'evicted: the eviction was accepted; blocked: a PodDisruptionBudget refused it until the timeout; ' +
        'stopped: the drain was stopped before this pod was evicted',
    },
    reason: {
      type: 'string',
      description: `a skipped pod's: ${skipReasons.join(', ')}; else Kubernetes' own`,
    },
    message: { type: 'string' },
    deleted: { type: 'boolean', description: 'evicted pods: whether the pod was gone before the timeout' },
    attempts: { type: 'integer' },
  },
} as const;

/** The drain's summary: the JSON answer, and the last line of the progress stream. */
export const drainReport = {
  type: 'object',
  required: ['node', 'complete', 'timedOut', 'stopped', 'pods'],
  additionalProperties: false,
  properties: {
    node: { type: 'string' },
    complete: { type: 'boolean', description: 'every pod that had to go is gone' },
    timedOut: { type: 'boolean' },
    stopped: { type: 'boolean', description: 'the caller left before the end; no pod was evicted after' },
    pods: { type: 'array', items: drainedPod },
  },
} as const;

/** A pod's state while a drain runs. */
export const DRAIN_STATES = [
  'pending',
  'skipped',
  'evicting',
  'evicted',
  'deleted',
  'blocked',
  'failed',
  'stopped',
] as const;

/**
 * One line of the drain's progress stream (`Accept: application/x-ndjson`): first the plan (every pod
 * and whether it goes), then a line each time a pod's state changes, and last the summary (or an error).
 */
export const drainEvent = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['plan', 'pod', 'done', 'error'] },
    /** plan: every pod, pending or skipped. */
    pods: {
      type: 'array',
      items: {
        type: 'object',
        required: ['namespace', 'name', 'state'],
        additionalProperties: false,
        properties: {
          namespace: { type: 'string' },
          name: { type: 'string' },
          state: { type: 'string', enum: ['pending', 'skipped'] },
          reason: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
    /** pod: one pod's new state. */
    pod: {
      type: 'object',
      required: ['namespace', 'name', 'state', 'attempts'],
      additionalProperties: false,
      properties: {
        namespace: { type: 'string' },
        name: { type: 'string' },
        state: {
          type: 'string',
          enum: DRAIN_STATES,
          description:
            'evicting: an eviction is asked (again, with the reason, while a PodDisruptionBudget refuses it); ' +
            'evicted: accepted, the pod is terminating; deleted: the pod is gone',
        },
        reason: { type: 'string' },
        message: { type: 'string' },
        attempts: { type: 'integer' },
      },
    },
    /** done: the summary. */
    report: drainReport,
    /** error: why the drain ended early (the stream's status was already 200). */
    error: errorBody,
  },
} as const;

export type DrainBody = FromSchema<typeof drainBody>;
export type DrainedPod = FromSchema<typeof drainedPod>;
export type DrainReport = FromSchema<typeof drainReport>;
export type DrainEvent = FromSchema<typeof drainEvent>;
export type DrainState = (typeof DRAIN_STATES)[number];
