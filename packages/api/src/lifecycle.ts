import type { FromSchema } from 'json-schema-to-ts';
import { errorResponse } from './errors.ts';

/**
 * Cluster lifecycle (issue #15): clusters Portolan creates through a provider (the local sandbox
 * first), upgraded one minor at a time with a pre-upgrade etcd snapshot, node pools scaled and
 * relabelled, etcd snapshots on demand or on a schedule, a whole cluster restored from one. Every
 * change is an operation: a plan of steps run as a job, stopped at the failed step with the reason,
 * resumable, and (after an upgrade's snapshot) able to roll back. Imported clusters are never touched.
 *
 * Routes (lifecycle:read / lifecycle:write, cluster-scoped ones checked at the cluster):
 * - GET    /api/v1/lifecycle/versions                                  → versionList
 * - GET    /api/v1/lifecycle/clusters                                  → managedClusterList
 * - POST   /api/v1/lifecycle/clusters                body clusterSpecInput → 202 operation (platform)
 * - GET    /api/v1/lifecycle/clusters/:name                            → managedCluster
 * - DELETE /api/v1/lifecycle/clusters/:name                            → 202 operation
 * - POST   /api/v1/lifecycle/clusters/:name/preflight body clusterUpgradeBody → preflightReport
 * - POST   /api/v1/lifecycle/clusters/:name/upgrade   body clusterUpgradeBody → 202 operation
 * - PUT    /api/v1/lifecycle/clusters/:name/node-pools/:pool body nodePoolInput → 202 operation
 * - DELETE /api/v1/lifecycle/clusters/:name/node-pools/:pool           → 202 operation
 * - GET    /api/v1/lifecycle/clusters/:name/snapshots                  → snapshotList
 * - POST   /api/v1/lifecycle/clusters/:name/snapshots                  → 202 operation
 * - PUT    /api/v1/lifecycle/clusters/:name/snapshot-schedule body snapshotScheduleBody → managedCluster
 * - POST   /api/v1/lifecycle/clusters/:name/snapshots/:id/restore      → 202 operation
 * - GET    /api/v1/lifecycle/operations?cluster&kind&state&limit&continue → operationPage
 * - GET    /api/v1/lifecycle/operations/:id                            → operation
 * - POST   /api/v1/lifecycle/operations/:id/resume | /rollback         → 202 operation
 * - POST   /api/v1/lifecycle/operations/:id/cancel                     → operation
 */

const time = { type: 'string', format: 'date-time' } as const;
const nullableTime = { anyOf: [time, { type: 'null' }] } as const;
const paramValue = { anyOf: [{ type: 'number' }, { type: 'string' }] } as const;
const params = { type: 'object', additionalProperties: paramValue } as const;
const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

export const NODE_TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export const OPERATION_KINDS = [
  'create',
  'upgrade',
  'delete',
  'node-pool',
  'snapshot',
  'restore-snapshot',
] as const;
export const OPERATION_STATES = ['running', 'succeeded', 'failed', 'cancelled', 'rolled-back'] as const;
export const STEP_STATES = ['pending', 'running', 'done', 'failed', 'skipped'] as const;
export const MANAGED_CLUSTER_STATES = [
  'creating',
  'ready',
  'upgrading',
  'changing',
  'failed',
  'deleting',
] as const;
export const SNAPSHOT_REASONS = ['manual', 'schedule', 'pre-upgrade'] as const;

export * from './lifecycle-codes.ts';

export const nodeTaint = {
  type: 'object',
  required: ['key', 'effect'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', minLength: 1, maxLength: 316 },
    value: { type: 'string', maxLength: 63 },
    effect: { type: 'string', enum: NODE_TAINT_EFFECTS },
  },
} as const;

const poolFields = {
  count: { type: 'integer' },
  cpu: { type: 'string' },
  memory: { type: 'string' },
  maxPods: { type: 'integer' },
  labels: stringMap,
  taints: { type: 'array', items: nodeTaint },
  zone: { type: 'string' },
} as const;

export const nodePool = {
  type: 'object',
  required: ['name', 'count', 'cpu', 'memory', 'maxPods', 'labels', 'taints'],
  additionalProperties: false,
  properties: { name: { type: 'string' }, ...poolFields },
} as const;

/** PUT …/node-pools/:pool body: the pool without its name; defaults as a new cluster's pools. */
export const nodePoolInput = {
  type: 'object',
  required: ['count'],
  additionalProperties: false,
  properties: poolFields,
} as const;

/** POST /api/v1/lifecycle/clusters body: everything but the name may be left to its default. */
export const clusterSpecInput = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    provider: { type: 'string', enum: ['sandbox'] },
    version: { type: 'string' },
    nodePools: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: { type: 'string' }, ...poolFields },
      },
    },
    podCidr: { type: 'string' },
    serviceCidr: { type: 'string' },
    auditLog: { type: 'boolean' },
  },
} as const;

export const managedClusterSpec = {
  type: 'object',
  required: ['name', 'provider', 'version', 'nodePools', 'podCidr', 'serviceCidr', 'auditLog'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    provider: { type: 'string', enum: ['sandbox'] },
    version: { type: 'string' },
    nodePools: { type: 'array', items: nodePool },
    podCidr: { type: 'string' },
    serviceCidr: { type: 'string' },
    auditLog: { type: 'boolean' },
  },
} as const;

export const versionEntry = {
  type: 'object',
  required: ['version', 'minor', 'built', 'default'],
  additionalProperties: false,
  properties: {
    version: { type: 'string' },
    minor: { type: 'string' },
    built: { type: 'boolean' },
    default: { type: 'boolean' },
  },
} as const;

export const versionList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: versionEntry } },
} as const;

export const operationStep = {
  type: 'object',
  required: [
    'id',
    'title',
    'code',
    'params',
    'state',
    'startedAt',
    'finishedAt',
    'timeoutSeconds',
    'message',
  ],
  additionalProperties: false,
  properties: {
    /** validate, prepare-version, snapshot, control-plane, node:<name>, post-checks, … */
    id: { type: 'string' },
    title: { type: 'string' },
    code: { type: 'string' },
    params,
    state: { type: 'string', enum: STEP_STATES },
    startedAt: nullableTime,
    finishedAt: nullableTime,
    timeoutSeconds: { type: 'integer' },
    /** Why it failed, or what it did. */
    message: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    /** The title's words when not the code's own (LIFECYCLE_TITLE_CODES). */
    titleCode: { type: 'string' },
    /** The message's code (LIFECYCLE_MESSAGE_CODES) and values; absent when only words are known. */
    messageCode: { type: 'string' },
    messageParams: params,
  },
} as const;

export const lifecycleOperation = {
  type: 'object',
  required: [
    'id',
    'cluster',
    'kind',
    'state',
    'createdAt',
    'finishedAt',
    'createdBy',
    'steps',
    'failure',
    'canResume',
    'canRollback',
    'jobId',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    cluster: { type: 'string' },
    kind: { type: 'string', enum: OPERATION_KINDS },
    state: { type: 'string', enum: OPERATION_STATES },
    createdAt: time,
    finishedAt: nullableTime,
    createdBy: {
      type: 'object',
      required: ['id', 'name'],
      additionalProperties: false,
      properties: { id: { type: 'string' }, name: { type: 'string' } },
    },
    fromVersion: { type: 'string' },
    toVersion: { type: 'string' },
    steps: { type: 'array', items: operationStep },
    failure: {
      anyOf: [
        {
          type: 'object',
          required: ['step', 'reason'],
          additionalProperties: false,
          properties: {
            step: { type: 'string' },
            reason: { type: 'string' },
            /** The reason's code (LIFECYCLE_MESSAGE_CODES) and values, when it has one. */
            code: { type: 'string' },
            params,
          },
        },
        { type: 'null' },
      ],
    },
    canResume: { type: 'boolean' },
    /** Only when a pre-upgrade snapshot exists. */
    canRollback: { type: 'boolean' },
    snapshotId: { type: 'string' },
    /** The Jobs record of its latest run. */
    jobId: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    /** Times it was resumed after a restart of Portolan without being asked (at most once). */
    autoResumed: { type: 'integer' },
  },
} as const;

export const managedCluster = {
  type: 'object',
  required: [
    'name',
    'provider',
    'version',
    'state',
    'nodePools',
    'nodes',
    'components',
    'podCidr',
    'serviceCidr',
    'auditLog',
    'createdAt',
    'lastOperation',
    'upgradeTargets',
    'snapshotSchedule',
  ],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    provider: { type: 'string', enum: ['sandbox'] },
    version: { type: 'string' },
    state: { type: 'string', enum: MANAGED_CLUSTER_STATES },
    nodePools: { type: 'array', items: nodePool },
    nodes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'pool', 'version'],
        additionalProperties: false,
        properties: { name: { type: 'string' }, pool: { type: 'string' }, version: { type: 'string' } },
      },
    },
    components: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'version', 'running'],
        additionalProperties: false,
        properties: { name: { type: 'string' }, version: { type: 'string' }, running: { type: 'boolean' } },
      },
    },
    podCidr: { type: 'string' },
    serviceCidr: { type: 'string' },
    auditLog: { type: 'boolean' },
    createdAt: time,
    lastOperation: { anyOf: [lifecycleOperation, { type: 'null' }] },
    upgradeTargets: { type: 'array', items: { type: 'string' } },
    snapshotSchedule: {
      anyOf: [
        {
          type: 'object',
          required: ['cron', 'keep'],
          additionalProperties: false,
          properties: { cron: { type: 'string' }, keep: { type: 'integer' } },
        },
        { type: 'null' },
      ],
    },
  },
} as const;

export const managedClusterList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: managedCluster } },
} as const;

export const clusterUpgradeBody = {
  type: 'object',
  required: ['version'],
  additionalProperties: false,
  properties: {
    version: { type: 'string', minLength: 1 },
    maxUnavailable: { type: 'integer', minimum: 1, maximum: 100 },
  },
} as const;

export const preflightCheck = {
  type: 'object',
  required: ['id', 'status', 'title', 'message', 'code', 'params'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['pass', 'warn', 'fail'] },
    title: { type: 'string' },
    message: { type: 'string' },
    code: { type: 'string' },
    params,
  },
} as const;

export const preflightReport = {
  type: 'object',
  required: ['cluster', 'fromVersion', 'toVersion', 'ok', 'checks'],
  additionalProperties: false,
  properties: {
    cluster: { type: 'string' },
    fromVersion: { type: 'string' },
    toVersion: { type: 'string' },
    ok: { type: 'boolean' },
    checks: { type: 'array', items: preflightCheck },
  },
} as const;

export const etcdSnapshot = {
  type: 'object',
  required: ['id', 'cluster', 'takenAt', 'version', 'sizeBytes', 'reason'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    cluster: { type: 'string' },
    takenAt: time,
    version: { type: 'string' },
    sizeBytes: { type: 'integer' },
    reason: { type: 'string', enum: SNAPSHOT_REASONS },
  },
} as const;

export const snapshotList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: etcdSnapshot } },
} as const;

/** `{ cron, keep }` turns the schedule on (or changes it); `{ cron: null }` turns it off. */
export const snapshotScheduleBody = {
  type: 'object',
  required: ['cron'],
  additionalProperties: false,
  properties: {
    cron: { anyOf: [{ type: 'string', minLength: 1, maxLength: 100 }, { type: 'null' }] },
    keep: { type: 'integer', minimum: 1, maximum: 1000 },
  },
} as const;

export const operationQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cluster: { type: 'string' },
    kind: { type: 'string', enum: OPERATION_KINDS },
    state: { type: 'string', enum: OPERATION_STATES },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    continue: { type: 'string' },
  },
} as const;

export const operationPage = {
  type: 'object',
  required: ['items', 'total'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: lifecycleOperation },
    total: { type: 'integer' },
    continue: { type: 'string' },
  },
} as const;

export type NodeTaint = FromSchema<typeof nodeTaint>;
export type NodePool = FromSchema<typeof nodePool>;
export type NodePoolInput = FromSchema<typeof nodePoolInput>;
export type ClusterSpecInput = FromSchema<typeof clusterSpecInput>;
export type ManagedClusterSpec = FromSchema<typeof managedClusterSpec>;
export type VersionEntry = FromSchema<typeof versionEntry>;
export type VersionList = FromSchema<typeof versionList>;
export type OperationKind = (typeof OPERATION_KINDS)[number];
export type OperationState = (typeof OPERATION_STATES)[number];
export type OperationStepState = (typeof STEP_STATES)[number];
export type OperationStep = FromSchema<typeof operationStep>;
export type Operation = FromSchema<typeof lifecycleOperation>;
export type ManagedCluster = FromSchema<typeof managedCluster>;
export type ManagedClusterList = FromSchema<typeof managedClusterList>;
export type ClusterUpgradeBody = FromSchema<typeof clusterUpgradeBody>;
export type PreflightCheck = FromSchema<typeof preflightCheck>;
export type PreflightReport = FromSchema<typeof preflightReport>;
export type Snapshot = FromSchema<typeof etcdSnapshot>;
export type SnapshotList = FromSchema<typeof snapshotList>;
export type SnapshotScheduleBody = FromSchema<typeof snapshotScheduleBody>;
export type OperationQuery = FromSchema<typeof operationQuery>;
export type OperationPage = FromSchema<typeof operationPage>;

const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });
const cluster = '/api/v1/lifecycle/clusters/:name';
const op = '/api/v1/lifecycle/operations/:id';

/** The lifecycle routes as the server registers them (see the list at the top of this file). */
export const LIFECYCLE_ROUTES = {
  'GET /api/v1/lifecycle/versions': { response: answers({ 200: versionList }) },
  'GET /api/v1/lifecycle/clusters': { response: answers({ 200: managedClusterList }) },
  'POST /api/v1/lifecycle/clusters': {
    body: clusterSpecInput,
    response: answers({ 202: lifecycleOperation }),
  },
  [`GET ${cluster}`]: { response: answers({ 200: managedCluster }) },
  [`DELETE ${cluster}`]: { response: answers({ 202: lifecycleOperation }) },
  [`POST ${cluster}/preflight`]: { body: clusterUpgradeBody, response: answers({ 200: preflightReport }) },
  [`POST ${cluster}/upgrade`]: { body: clusterUpgradeBody, response: answers({ 202: lifecycleOperation }) },
  [`PUT ${cluster}/node-pools/:pool`]: {
    body: nodePoolInput,
    response: answers({ 202: lifecycleOperation }),
  },
  [`DELETE ${cluster}/node-pools/:pool`]: { response: answers({ 202: lifecycleOperation }) },
  [`GET ${cluster}/snapshots`]: { response: answers({ 200: snapshotList }) },
  [`POST ${cluster}/snapshots`]: { response: answers({ 202: lifecycleOperation }) },
  [`PUT ${cluster}/snapshot-schedule`]: {
    body: snapshotScheduleBody,
    response: answers({ 200: managedCluster }),
  },
  [`POST ${cluster}/snapshots/:id/restore`]: { response: answers({ 202: lifecycleOperation }) },
  'GET /api/v1/lifecycle/operations': {
    querystring: operationQuery,
    response: answers({ 200: operationPage }),
  },
  [`GET ${op}`]: { response: answers({ 200: lifecycleOperation }) },
  [`POST ${op}/resume`]: { response: answers({ 202: lifecycleOperation }) },
  [`POST ${op}/rollback`]: { response: answers({ 202: lifecycleOperation }) },
  [`POST ${op}/cancel`]: { response: answers({ 200: lifecycleOperation }) },
} as const;
