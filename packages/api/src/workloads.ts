import type { FromSchema } from 'json-schema-to-ts';
import { kubeObject } from './errors.ts';

/** A workload's health in words, as `healthOf` in @portolan/kinds judges it. */
export const workloadHealth = {
  type: 'object',
  required: ['state', 'message'],
  additionalProperties: false,
  properties: {
    state: {
      type: 'string',
      enum: ['Available', 'Progressing', 'Degraded', 'Paused', 'Suspended', 'Complete'],
    },
    reason: { type: 'string', description: "Kubernetes' own reason, e.g. ProgressDeadlineExceeded" },
    message: { type: 'string' },
  },
} as const;

/** A status condition as Kubernetes writes it; kinds add fields of their own, which pass through. */
export const kubeCondition = {
  type: 'object',
  required: ['type', 'status'],
  additionalProperties: true,
  properties: {
    type: { type: 'string' },
    status: { type: 'string' },
    reason: { type: 'string' },
    message: { type: 'string' },
    lastTransitionTime: { type: 'string' },
    lastUpdateTime: { type: 'string' },
  },
} as const;

/** One of a workload's pods, in a line. */
export const podSummary = {
  type: 'object',
  required: ['name', 'phase', 'ready', 'restarts'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    phase: { type: 'string' },
    ready: { type: 'string', description: '`ready/total` containers' },
    restarts: { type: 'integer' },
    reason: { type: 'string', description: 'why a container waits or ended, e.g. CrashLoopBackOff' },
    node: { type: 'string' },
    ip: { type: 'string' },
    createdAt: { type: 'string' },
  },
} as const;

/** One event about a workload, repeats counted. */
export const eventSummary = {
  type: 'object',
  required: ['type', 'reason', 'message', 'count'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', description: 'Normal or Warning' },
    reason: { type: 'string' },
    message: { type: 'string' },
    count: { type: 'integer' },
    lastSeen: { type: 'string' },
  },
} as const;

/** GET /api/v1/clusters/{c}/workloads/{kind}/{ns}/{name}: the workload with what explains its state. */
export const workloadView = {
  type: 'object',
  required: ['object', 'health', 'conditions', 'pods', 'events'],
  additionalProperties: false,
  properties: {
    object: kubeObject,
    health: workloadHealth,
    conditions: { type: 'array', items: kubeCondition },
    pods: { type: 'array', items: podSummary, description: 'sorted by name' },
    events: { type: 'array', items: eventSummary, description: 'newest last' },
  },
} as const;

/** PUT …/autoscaler's body: utilization targets are percentages of the pods' requests. */
export const autoscalerSettings = {
  type: 'object',
  required: ['minReplicas', 'maxReplicas'],
  additionalProperties: false,
  properties: {
    minReplicas: { type: 'integer' },
    maxReplicas: { type: 'integer' },
    cpuUtilization: { type: 'integer', description: 'percent of the pods’ CPU requests' },
    memoryUtilization: { type: 'integer', description: 'percent of the pods’ memory requests' },
  },
} as const;

/** The HorizontalPodAutoscaler aimed at a workload, in the terms the settings use. */
export const autoscaler = {
  type: 'object',
  required: ['name', 'minReplicas', 'maxReplicas', 'conditions'],
  additionalProperties: false,
  properties: {
    ...autoscalerSettings.properties,
    name: { type: 'string' },
    currentReplicas: { type: 'integer' },
    desiredReplicas: { type: 'integer' },
    conditions: { type: 'array', items: kubeCondition },
  },
} as const;

/** GET …/autoscaler: the autoscaler, or null when none is aimed at the workload. */
export const autoscalerAnswer = {
  type: 'object',
  required: ['autoscaler'],
  additionalProperties: false,
  properties: { autoscaler: { anyOf: [autoscaler, { type: 'null' }] } },
} as const;

/** POST …/scale: the replica count now asked for, and how many there are. */
export const scaleAnswer = {
  type: 'object',
  required: ['replicas', 'currentReplicas'],
  additionalProperties: false,
  properties: { replicas: { type: 'integer' }, currentReplicas: { type: 'integer' } },
} as const;

/** GET …/revisions/diff: a unified diff of two revisions' pod templates (`to` null: the current one). */
export const revisionDiff = {
  type: 'object',
  required: ['from', 'to', 'diff'],
  additionalProperties: false,
  properties: {
    from: { type: 'integer' },
    to: { type: ['integer', 'null'] },
    diff: { type: 'string' },
  },
} as const;

/** POST …/rollback: the revision rolled back to, and the workload as it is now. */
export const rollbackAnswer = {
  type: 'object',
  required: ['revision', 'changed', 'object'],
  additionalProperties: false,
  properties: {
    revision: { type: 'integer' },
    changed: { type: 'boolean', description: 'false when the workload already runs that template' },
    object: kubeObject,
  },
} as const;

export type WorkloadHealth = FromSchema<typeof workloadHealth>;
export type KubeCondition = FromSchema<typeof kubeCondition>;
export type PodSummary = FromSchema<typeof podSummary>;
export type EventSummary = FromSchema<typeof eventSummary>;
export type WorkloadView = FromSchema<typeof workloadView>;
export type AutoscalerSettings = FromSchema<typeof autoscalerSettings>;
export type Autoscaler = FromSchema<typeof autoscaler>;
export type AutoscalerAnswer = FromSchema<typeof autoscalerAnswer>;
export type ScaleAnswer = FromSchema<typeof scaleAnswer>;
export type RevisionDiff = FromSchema<typeof revisionDiff>;
export type RollbackAnswer = FromSchema<typeof rollbackAnswer>;
