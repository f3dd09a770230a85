import type { FromSchema } from 'json-schema-to-ts';
import { errorResponse } from './errors.ts';

/**
 * Backup and restore of any registered cluster (issue #15). A plan names a source cluster, what to
 * take (namespaces, label selector, kinds, cluster-scoped objects) and where to put it (a destination:
 * a folder on the Portolan host or S3-compatible storage, whose secret is sealed and never returned).
 * Each backup is one `.tar.gz` archive (format in docs/backup-archive.md). A restore reads one archive
 * into the same or another cluster, with a dry-run plan first. Backups and restores are Jobs.
 *
 * Permissions: destinations backups:admin (read: backups:read); plans, backups and restores
 * backups:write at `{cluster, namespace}` for every namespace they touch (cluster reach when the list
 * is empty or cluster-scoped objects are in); lists show only what the caller reaches.
 */

const time = { type: 'string', format: 'date-time' } as const;
const nullableTime = { anyOf: [time, { type: 'null' }] } as const;
const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] } as const;
const nullableCount = { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] } as const;
const name = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
} as const;
const actor = {
  type: 'object',
  required: ['id', 'name'],
  additionalProperties: false,
  properties: { id: { type: 'string' }, name: { type: 'string' } },
} as const;
const listQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  continue: { type: 'string' },
} as const;

export const backupDestination = {
  type: 'object',
  required: ['name', 'type', 'createdAt'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    type: { type: 'string', enum: ['folder', 's3'] },
    createdAt: time,
    folder: {
      type: 'object',
      required: ['path'],
      additionalProperties: false,
      properties: { path: { type: 'string' } },
    },
    s3: {
      type: 'object',
      required: ['endpoint', 'bucket', 'region', 'prefix', 'forcePathStyle', 'accessKeyId', 'secretSet'],
      additionalProperties: false,
      properties: {
        endpoint: { type: 'string' },
        bucket: { type: 'string' },
        region: { type: 'string' },
        prefix: { type: 'string' },
        forcePathStyle: { type: 'boolean' },
        accessKeyId: { type: 'string' },
        /** Whether a secret key is stored; the key itself is never returned. */
        secretSet: { type: 'boolean' },
      },
    },
  },
} as const;

export const backupDestinationInput = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['folder', 's3'] },
    folder: {
      type: 'object',
      required: ['path'],
      additionalProperties: false,
      properties: { path: { type: 'string', minLength: 1, maxLength: 4096 } },
    },
    s3: {
      type: 'object',
      required: ['endpoint', 'bucket', 'accessKeyId'],
      additionalProperties: false,
      properties: {
        endpoint: { type: 'string', minLength: 1, maxLength: 2048 },
        bucket: { type: 'string', minLength: 1, maxLength: 255 },
        region: { type: 'string', maxLength: 64 },
        prefix: { type: 'string', maxLength: 1024 },
        forcePathStyle: { type: 'boolean' },
        accessKeyId: { type: 'string', minLength: 1, maxLength: 256 },
        /** Write-only; absent on an update keeps the stored one. */
        secretAccessKey: { type: 'string', minLength: 1, maxLength: 1024 },
      },
    },
  },
} as const;

export const backupDestinationList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: backupDestination } },
} as const;

export const destinationTestAnswer = {
  type: 'object',
  required: ['ok', 'message'],
  additionalProperties: false,
  properties: { ok: { type: 'boolean' }, message: { type: 'string' } },
} as const;

export const backupPlanSpec = {
  type: 'object',
  required: ['cluster', 'destination'],
  additionalProperties: false,
  properties: {
    cluster: { type: 'string', minLength: 1 },
    /** [] = every namespace (cluster reach needed). */
    namespaces: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 500, default: [] },
    labelSelector: { type: 'string', maxLength: 1024 },
    /** Kinds as 'Deployment' or 'deployments.apps'; [] = every kind. */
    includeKinds: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 200, default: [] },
    excludeKinds: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 200, default: [] },
    /** Cluster-scoped objects too (the CRDs the objects need always go in). */
    clusterScoped: { type: 'boolean', default: false },
    /** Five-field cron in UTC; null: only on demand. */
    schedule: { ...nullableString, default: null },
    retention: {
      type: 'object',
      additionalProperties: false,
      default: { count: null, maxAgeDays: null },
      properties: { count: nullableCount, maxAgeDays: nullableCount },
    },
    destination: { type: 'string', minLength: 1 },
    deadlineSeconds: { type: 'integer', minimum: 1, maximum: 86_400, default: 600 },
  },
} as const;

const params = {
  type: 'object',
  additionalProperties: { anyOf: [{ type: 'number' }, { type: 'string' }] },
} as const;

/**
 * Every code the server writes words for on the backup pages (issue #10): the console has its own
 * words for each, in English and 简体中文, and a test fails on a code without them.
 * Why a restore plan does what it does with an object (`reasonCode`), or why it failed (`errorCode`).
 */
export const RESTORE_REASON_CODES = [
  'crd-first',
  'not-served',
  'namespace-deleting',
  'target-unreadable',
  'exists-update',
  'exists-skip',
] as const;
/** Why an object could not be backed up (a failure's `code`). */
export const BACKUP_FAILURE_CODES = ['list-failed', 'read-failed'] as const;
/** Why a backup or restore ended without finishing (`errorCode`). */
export const BACKUP_ERROR_CODES = ['backup-cancelled', 'restore-cancelled', 'server-stopped'] as const;
export type RestoreReasonCode = (typeof RESTORE_REASON_CODES)[number];
export type BackupFailureCode = (typeof BACKUP_FAILURE_CODES)[number];
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];

const failure = {
  type: 'object',
  required: ['kind', 'reason'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string' },
    namespace: { type: 'string' },
    name: { type: 'string' },
    reason: { type: 'string' },
    /** The reason's code (BACKUP_FAILURE_CODES) and values. */
    code: { type: 'string' },
    params,
  },
} as const;

export const BACKUP_STATES = ['running', 'completed', 'partially-failed', 'failed', 'cancelled'] as const;

export const backupView = {
  type: 'object',
  required: [
    'id',
    'plan',
    'cluster',
    'namespaces',
    'destination',
    'state',
    'startedAt',
    'finishedAt',
    'trigger',
    'objects',
    'failed',
    'sizeBytes',
    'error',
    'jobId',
    'failures',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    plan: nullableString,
    cluster: { type: 'string' },
    namespaces: { type: 'array', items: { type: 'string' } },
    destination: { type: 'string' },
    state: { type: 'string', enum: BACKUP_STATES },
    startedAt: time,
    finishedAt: nullableTime,
    trigger: { type: 'string', enum: ['manual', 'schedule'] },
    objects: { type: 'integer' },
    failed: { type: 'integer' },
    sizeBytes: { type: 'integer' },
    error: nullableString,
    /** The error's code (BACKUP_ERROR_CODES) and values, when it has one. */
    errorCode: { type: 'string' },
    errorParams: params,
    jobId: nullableString,
    /** At most 100 listed. */
    failures: { type: 'array', items: failure },
    /** The archive's key in its destination. */
    archive: { type: 'string' },
  },
} as const;

export const backupPlanView = {
  type: 'object',
  required: [
    ...backupPlanSpec.required,
    'namespaces',
    'includeKinds',
    'excludeKinds',
    'clusterScoped',
    'schedule',
    'retention',
    'deadlineSeconds',
    'name',
    'createdAt',
    'createdBy',
    'lastBackup',
    'nextRunAt',
  ],
  additionalProperties: false,
  properties: {
    ...backupPlanSpec.properties,
    name: { type: 'string' },
    createdAt: time,
    createdBy: actor,
    lastBackup: { anyOf: [backupView, { type: 'null' }] },
    nextRunAt: nullableTime,
  },
} as const;

export const backupPlanList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: backupPlanView } },
} as const;

export const backupListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    plan: { type: 'string' },
    cluster: { type: 'string' },
    state: { type: 'string', enum: BACKUP_STATES },
    ...listQuery,
  },
} as const;

export const backupPage = {
  type: 'object',
  required: ['items', 'total'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: backupView },
    total: { type: 'integer' },
    continue: { type: 'string' },
  },
} as const;

export const backupObject = {
  type: 'object',
  required: ['apiVersion', 'kind', 'name'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string', minLength: 1 },
    kind: { type: 'string', minLength: 1 },
    namespace: { type: 'string' },
    name: { type: 'string', minLength: 1 },
  },
} as const;

export const backupObjectQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { namespace: { type: 'string' }, kind: { type: 'string' }, ...listQuery },
} as const;

export const backupObjectPage = {
  type: 'object',
  required: ['items', 'total'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: backupObject },
    total: { type: 'integer' },
    continue: { type: 'string' },
  },
} as const;

export const restoreSpec = {
  type: 'object',
  required: ['backup', 'cluster'],
  additionalProperties: false,
  properties: {
    backup: { type: 'string', minLength: 1 },
    /** The target cluster (the same or another). */
    cluster: { type: 'string', minLength: 1 },
    /** Namespaces of the backup to restore; absent = all it holds. */
    namespaces: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 500 },
    /** Old namespace -> new. */
    namespaceMapping: {
      type: 'object',
      additionalProperties: { type: 'string', minLength: 1 },
      default: {},
    },
    /** Chosen objects; absent = all selected by namespaces. */
    objects: { type: 'array', items: backupObject, maxItems: 10_000 },
    existing: { type: 'string', enum: ['skip', 'update'], default: 'skip' },
    clusterScoped: { type: 'boolean', default: false },
    deadlineSeconds: { type: 'integer', minimum: 1, maximum: 86_400 },
  },
} as const;

export const PLAN_ACTIONS = ['create', 'update', 'skip', 'conflict'] as const;

export const restorePlanItem = {
  type: 'object',
  required: [...backupObject.required, 'action', 'reason', 'order'],
  additionalProperties: false,
  properties: {
    ...backupObject.properties,
    targetNamespace: { type: 'string' },
    action: { type: 'string', enum: PLAN_ACTIONS },
    reason: nullableString,
    /** The reason's code (RESTORE_REASON_CODES) and values, when it has one. */
    reasonCode: { type: 'string' },
    reasonParams: params,
    /** Apply order: CRDs first, then namespaces, RBAC, ServiceAccounts, config, storage, Services, workloads, the rest. */
    order: { type: 'integer' },
  },
} as const;

const counts = <K extends readonly string[]>(keys: K) =>
  ({
    type: 'object',
    required: keys,
    additionalProperties: false,
    properties: Object.fromEntries(keys.map((key) => [key, { type: 'integer' }])) as {
      [P in K[number]]: { type: 'integer' };
    },
  }) as const;

export const restorePlan = {
  type: 'object',
  required: ['items', 'counts'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: restorePlanItem },
    counts: counts(PLAN_ACTIONS),
  },
} as const;

export const RESTORE_STATES = BACKUP_STATES;
export const RESTORE_OUTCOMES = ['created', 'updated', 'skipped', 'failed'] as const;

export const restoreView = {
  type: 'object',
  required: ['id', 'spec', 'state', 'startedAt', 'finishedAt', 'createdBy', 'counts', 'error', 'jobId'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    spec: restoreSpec,
    state: { type: 'string', enum: RESTORE_STATES },
    startedAt: time,
    finishedAt: nullableTime,
    createdBy: actor,
    counts: counts(RESTORE_OUTCOMES),
    error: nullableString,
    /** The error's code (BACKUP_ERROR_CODES) and values, when it has one. */
    errorCode: { type: 'string' },
    errorParams: params,
    jobId: nullableString,
  },
} as const;

export const restoreListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cluster: { type: 'string' },
    state: { type: 'string', enum: RESTORE_STATES },
    ...listQuery,
  },
} as const;

export const restorePage = {
  type: 'object',
  required: ['items', 'total'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: restoreView },
    total: { type: 'integer' },
    continue: { type: 'string' },
  },
} as const;

export const restoreResult = {
  type: 'object',
  required: [...restorePlanItem.required, 'outcome', 'error'],
  additionalProperties: false,
  properties: {
    ...restorePlanItem.properties,
    outcome: { type: 'string', enum: [...RESTORE_OUTCOMES, 'pending'] },
    error: nullableString,
    /** The error's code (RESTORE_REASON_CODES: a conflict's) and values, when it has one. */
    errorCode: { type: 'string' },
    errorParams: params,
  },
} as const;

export const restoreResultQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { outcome: { type: 'string', enum: [...RESTORE_OUTCOMES, 'pending'] }, ...listQuery },
} as const;

export const restoreResultPage = {
  type: 'object',
  required: ['items', 'total'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: restoreResult },
    total: { type: 'integer' },
    continue: { type: 'string' },
  },
} as const;

export const veleroItem = {
  type: 'object',
  required: ['name', 'namespace', 'phase', 'createdAt', 'includedNamespaces'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    namespace: { type: 'string' },
    phase: { type: 'string' },
    createdAt: { type: 'string' },
    includedNamespaces: { type: 'array', items: { type: 'string' } },
    backupName: { type: 'string' },
    errors: { type: 'integer' },
    warnings: { type: 'integer' },
  },
} as const;

export const veleroView = {
  type: 'object',
  required: ['installed', 'backups', 'restores'],
  additionalProperties: false,
  properties: {
    installed: { type: 'boolean' },
    reason: { type: 'string' },
    backups: { type: 'array', items: veleroItem },
    restores: { type: 'array', items: veleroItem },
  },
} as const;

export const veleroBackupBody = {
  type: 'object',
  required: ['name', 'includedNamespaces'],
  additionalProperties: false,
  properties: {
    name,
    includedNamespaces: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 500 },
    /** A Go duration such as 720h0m0s. */
    ttl: { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(h|m|s|ms))+$' },
  },
} as const;

export const veleroRestoreBody = {
  type: 'object',
  required: ['name', 'backupName'],
  additionalProperties: false,
  properties: { name, backupName: { type: 'string', minLength: 1 } },
} as const;

export type BackupDestination = FromSchema<typeof backupDestination>;
export type BackupDestinationInput = FromSchema<typeof backupDestinationInput>;
export type BackupDestinationList = FromSchema<typeof backupDestinationList>;
export type DestinationTestAnswer = FromSchema<typeof destinationTestAnswer>;
export type BackupPlanSpec = FromSchema<typeof backupPlanSpec>;
export type BackupPlanView = FromSchema<typeof backupPlanView>;
export type BackupPlanList = FromSchema<typeof backupPlanList>;
export type BackupState = (typeof BACKUP_STATES)[number];
export type BackupView = FromSchema<typeof backupView>;
export type BackupListQuery = FromSchema<typeof backupListQuery>;
export type BackupPage = FromSchema<typeof backupPage>;
export type BackupObject = FromSchema<typeof backupObject>;
export type BackupObjectQuery = FromSchema<typeof backupObjectQuery>;
export type BackupObjectPage = FromSchema<typeof backupObjectPage>;
export type RestoreSpec = FromSchema<typeof restoreSpec>;
export type PlanAction = (typeof PLAN_ACTIONS)[number];
export type RestorePlanItem = FromSchema<typeof restorePlanItem>;
export type RestorePlan = FromSchema<typeof restorePlan>;
export type RestoreState = BackupState;
export type RestoreView = FromSchema<typeof restoreView>;
export type RestoreListQuery = FromSchema<typeof restoreListQuery>;
export type RestorePage = FromSchema<typeof restorePage>;
export type RestoreResult = FromSchema<typeof restoreResult>;
export type RestoreResultQuery = FromSchema<typeof restoreResultQuery>;
export type RestoreResultPage = FromSchema<typeof restoreResultPage>;
export type VeleroItem = FromSchema<typeof veleroItem>;
export type VeleroView = FromSchema<typeof veleroView>;
export type VeleroBackupBody = FromSchema<typeof veleroBackupBody>;
export type VeleroRestoreBody = FromSchema<typeof veleroRestoreBody>;

const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });
const destination = '/api/v1/backups/destinations/:name';
const plan = '/api/v1/backups/plans/:name';
const restore = '/api/v1/restores/:id';

/** The backup routes as the server registers them. */
export const BACKUP_ROUTES = {
  'GET /api/v1/backups/destinations': { response: answers({ 200: backupDestinationList }) },
  [`PUT ${destination}`]: {
    body: backupDestinationInput,
    response: answers({ 200: backupDestination, 201: backupDestination }),
  },
  [`DELETE ${destination}`]: { response: answers({}) },
  [`POST ${destination}/test`]: { response: answers({ 200: destinationTestAnswer }) },
  'GET /api/v1/backups/plans': { response: answers({ 200: backupPlanList }) },
  [`GET ${plan}`]: { response: answers({ 200: backupPlanView }) },
  [`PUT ${plan}`]: {
    body: backupPlanSpec,
    response: answers({ 200: backupPlanView, 201: backupPlanView }),
  },
  [`DELETE ${plan}`]: { response: answers({}) },
  [`POST ${plan}/run`]: { response: answers({ 202: backupView }) },
  'GET /api/v1/backups': { querystring: backupListQuery, response: answers({ 200: backupPage }) },
  'GET /api/v1/backups/:id': { response: answers({ 200: backupView }) },
  'GET /api/v1/backups/:id/objects': {
    querystring: backupObjectQuery,
    response: answers({ 200: backupObjectPage }),
  },
  'POST /api/v1/backups/:id/cancel': { response: answers({ 200: backupView }) },
  'DELETE /api/v1/backups/:id': { response: answers({}) },
  'POST /api/v1/restores/plan': { body: restoreSpec, response: answers({ 200: restorePlan }) },
  'POST /api/v1/restores': { body: restoreSpec, response: answers({ 202: restoreView }) },
  'GET /api/v1/restores': { querystring: restoreListQuery, response: answers({ 200: restorePage }) },
  [`GET ${restore}`]: { response: answers({ 200: restoreView }) },
  [`GET ${restore}/results`]: {
    querystring: restoreResultQuery,
    response: answers({ 200: restoreResultPage }),
  },
  [`POST ${restore}/cancel`]: { response: answers({ 200: restoreView }) },
  'GET /api/v1/clusters/:cluster/velero': { response: answers({ 200: veleroView }) },
  'POST /api/v1/clusters/:cluster/velero/backups': {
    body: veleroBackupBody,
    response: answers({ 201: veleroItem }),
  },
  'POST /api/v1/clusters/:cluster/velero/restores': {
    body: veleroRestoreBody,
    response: answers({ 201: veleroItem }),
  },
} as const;
