import type { FromSchema } from 'json-schema-to-ts';
import { errorResponse } from './errors.ts';
import { helmMessageCode } from './helm-codes.ts';

/**
 * Helm releases on one member cluster: install, upgrade, roll back, uninstall (each a recorded job
 * that runs helm as the calling user through Portolan's Kubernetes API proxy), and the live reads of
 * a release (status with the objects it owns, history, values, manifest, a preview with its diff).
 */

/** A chart in a repository Portolan knows (GET /api/v1/helm/repositories). */
export const chartRef = {
  type: 'object',
  required: ['repository', 'chart'],
  additionalProperties: false,
  properties: {
    repository: { type: 'string', minLength: 1, maxLength: 253, description: 'a chart repository’s name' },
    chart: { type: 'string', minLength: 1, maxLength: 253, description: 'the chart’s name in it' },
    version: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      description: 'an exact version; absent means the newest that is not a pre-release',
    },
  },
} as const;

/** Helm's rule for release names: a DNS name of at most 53 characters (its objects add suffixes). */
export const releaseName = {
  type: 'string',
  minLength: 1,
  maxLength: 53,
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
  description:
    'lower-case letters, digits, "-" and ".", starting and ending with a letter or digit; at most 53',
} as const;

/** A Kubernetes namespace name (DNS label). */
export const releaseNamespace = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  description: 'lower-case letters, digits and "-", starting and ending with a letter or digit; at most 63',
} as const;

const valuesText = {
  type: 'string',
  maxLength: 1_000_000,
  description:
    'the user-supplied values as YAML (a mapping); checked against the chart’s values.schema.json before anything runs',
} as const;

const timeoutSeconds = {
  type: 'integer',
  minimum: 1,
  maximum: 3600,
  description: 'how long helm waits for hooks and for the objects to be ready (default 300)',
} as const;

const wait = {
  type: 'boolean',
  description: 'wait until the release’s objects are ready (default true); false ends once they are applied',
} as const;

/** POST /api/v1/clusters/{cluster}/helm/releases */
export const installBody = {
  type: 'object',
  required: ['chart', 'name', 'namespace'],
  additionalProperties: false,
  properties: {
    chart: chartRef,
    name: releaseName,
    namespace: releaseNamespace,
    values: valuesText,
    createNamespace: { type: 'boolean', description: 'create the namespace when it does not exist' },
    timeoutSeconds,
    wait,
  },
} as const;

/** POST …/helm/releases/{namespace}/{name}/upgrade */
export const upgradeBody = {
  type: 'object',
  required: ['chart'],
  additionalProperties: false,
  properties: {
    chart: chartRef,
    values: {
      ...valuesText,
      description:
        'the full user-supplied values to use from now on (not merged with the last ones: start from GET …/values to keep them)',
    },
    rollbackOnFailure: {
      type: 'boolean',
      description:
        'an upgrade that fails (a hook, or objects not ready in time) is rolled back to the last good revision',
    },
    timeoutSeconds,
    wait,
  },
} as const;

/** POST …/helm/releases/{namespace}/{name}/rollback */
export const rollbackBody = {
  type: 'object',
  required: ['revision'],
  additionalProperties: false,
  properties: {
    revision: { type: 'integer', minimum: 1, description: 'the revision to return to (GET …/history)' },
    timeoutSeconds,
    wait,
  },
} as const;

/** DELETE …/helm/releases/{namespace}/{name} */
export const uninstallQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    keepHistory: {
      type: 'boolean',
      description: 'keep the release’s history (it can be rolled back to), removing its objects',
    },
    timeoutSeconds,
  },
} as const;

/** POST …/helm/releases/{namespace}/{name}/preview */
export const previewBody = {
  type: 'object',
  required: ['chart'],
  additionalProperties: false,
  properties: { chart: chartRef, values: valuesText },
} as const;

const jobStep = {
  type: 'object',
  required: ['seq', 'at', 'level', 'code', 'params', 'text'],
  additionalProperties: false,
  properties: {
    seq: { type: 'integer' },
    at: { type: 'string' },
    level: { type: 'string', enum: ['info', 'warning', 'error'] },
    code: {
      type: 'string',
      description:
        'chart-fetched {chart, version}, rendered {count}, applying, applied, waiting-ready {ready, total}, ready, hook-failed {hook, reason}, rolled-back {revision}, uninstalled, failed {reason}',
    },
    params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
    text: { type: 'string', description: 'the step in English' },
  },
} as const;

/** A Helm operation's recorded job, as the write routes answer it (202: it runs on). */
export const helmJob = {
  type: 'object',
  required: ['id', 'kind', 'state', 'createdAt', 'createdBy'],
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['helm.install', 'helm.upgrade', 'helm.rollback', 'helm.uninstall'] },
    cluster: { type: 'string' },
    namespace: { type: 'string' },
    target: { type: 'string', description: 'the release name' },
    state: { type: 'string', enum: ['running', 'succeeded', 'failed', 'cancelled'] },
    replica: { type: 'string' },
    createdAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
    createdBy: {
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'string' }, name: { type: 'string' } },
    },
    error: { type: ['string', 'null'], description: 'why it failed, in plain words' },
    result: { description: 'on success: `{ revision }` (none for an uninstall)' },
    steps: { type: 'array', items: jobStep },
  },
} as const;

/** One object a release owns, with its health as Portolan's store last saw it. */
export const releaseObject = {
  type: 'object',
  required: ['apiVersion', 'kind', 'name', 'found', 'ready', 'phase'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    namespace: { type: 'string', description: 'absent for cluster-scoped objects' },
    name: { type: 'string' },
    found: { type: 'boolean', description: 'Portolan’s store holds it (false: missing, or not synced yet)' },
    phase: { type: ['string', 'null'], description: 'its stored status word (Available, Running, Bound…)' },
    ready: { type: 'boolean' },
  },
} as const;

const releaseSummary = {
  name: { type: 'string' },
  namespace: { type: 'string' },
  revision: { type: 'integer' },
  status: {
    type: 'string',
    description:
      'deployed, failed, pending-install, pending-upgrade, pending-rollback, uninstalling, superseded, uninstalled',
  },
  chart: { type: 'string', description: 'the chart’s name' },
  chartVersion: { type: 'string' },
  appVersion: { type: 'string' },
  updated: { type: 'string', description: 'when this revision was last changed (ISO 8601)' },
  description: { type: 'string', description: 'helm’s one-line account of the revision' },
} as const;

/** GET /api/v1/clusters/{cluster}/helm/releases: the releases helm lists for the caller, live. */
export const releaseList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'namespace', 'revision', 'status', 'chart'],
        additionalProperties: false,
        properties: releaseSummary,
      },
    },
  },
} as const;

/** GET …/helm/releases/{namespace}/{name}: the release, its notes and the objects it owns. */
export const releaseStatus = {
  type: 'object',
  required: ['name', 'namespace', 'revision', 'status', 'chart', 'resources', 'readiness'],
  additionalProperties: false,
  properties: {
    ...releaseSummary,
    notes: { type: 'string', description: 'the chart’s NOTES.txt as rendered for this release' },
    resources: { type: 'array', items: releaseObject },
    readiness: {
      type: 'object',
      required: ['ready', 'total'],
      additionalProperties: false,
      properties: { ready: { type: 'integer' }, total: { type: 'integer' } },
    },
    operation: {
      type: 'string',
      description: 'the id of a Helm job of Portolan’s running on this release now, if any',
    },
  },
} as const;

/** GET …/history: every kept revision, newest first. */
export const releaseHistory = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['revision', 'status', 'chart', 'updated'],
        additionalProperties: false,
        properties: {
          revision: { type: 'integer' },
          status: { type: 'string' },
          chart: { type: 'string', description: 'name-version, as helm writes it' },
          appVersion: { type: 'string' },
          updated: { type: 'string' },
          description: { type: 'string' },
        },
      },
    },
  },
} as const;

const revisionQuery = {
  revision: { type: 'integer', minimum: 1, description: 'a revision (default the current one)' },
} as const;

/** GET …/values */
export const releaseValuesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...revisionQuery,
    all: {
      type: 'boolean',
      description: 'every computed value (chart defaults merged), not only the user’s',
    },
  },
} as const;

export const releaseValues = {
  type: 'object',
  required: ['all', 'values', 'yaml'],
  additionalProperties: false,
  properties: {
    revision: { type: 'integer' },
    all: { type: 'boolean' },
    values: { type: 'object', additionalProperties: true },
    yaml: { type: 'string', description: 'the same values as YAML, to edit and send back to …/upgrade' },
  },
} as const;

/** GET …/manifest */
export const releaseManifestQuery = {
  type: 'object',
  additionalProperties: false,
  properties: revisionQuery,
} as const;

const objectRef = {
  type: 'object',
  required: ['apiVersion', 'kind', 'name'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    namespace: { type: 'string' },
    name: { type: 'string' },
  },
} as const;

export const releaseManifest = {
  type: 'object',
  required: ['manifest', 'objects'],
  additionalProperties: false,
  properties: {
    revision: { type: 'integer' },
    manifest: { type: 'string', description: 'the rendered manifests (YAML documents)' },
    objects: { type: 'array', items: objectRef },
  },
} as const;

/** POST …/preview: what an install (or, for an existing release, an upgrade) would apply. */
export const releasePreview = {
  type: 'object',
  required: ['upgrade', 'manifest', 'objects'],
  additionalProperties: false,
  properties: {
    upgrade: { type: 'boolean', description: 'the release exists: the diff is against what it runs now' },
    manifest: { type: 'string' },
    notes: { type: 'string' },
    objects: {
      type: 'array',
      items: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name', 'change', 'diff'],
        additionalProperties: false,
        properties: {
          ...objectRef.properties,
          change: { type: 'string', enum: ['added', 'changed', 'removed', 'unchanged'] },
          diff: { type: 'string', description: 'unified diff of the object’s YAML (empty when unchanged)' },
        },
      },
    },
  },
} as const;

/** POST /api/v1/helm/installs: one chart on several clusters, each with its own values. */
export const multiInstallBody = {
  type: 'object',
  required: ['chart', 'name', 'namespace', 'targets'],
  additionalProperties: false,
  properties: {
    chart: chartRef,
    name: releaseName,
    namespace: { ...releaseNamespace, description: 'the namespace on every cluster that names none' },
    values: { ...valuesText, description: 'values shared by every cluster (YAML)' },
    createNamespace: { type: 'boolean' },
    upgradeExisting: {
      type: 'boolean',
      description:
        'where the release is already there, upgrade it to this chart and these values (rolled back if the upgrade fails) instead of refusing that cluster',
    },
    timeoutSeconds,
    wait,
    targets: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        required: ['cluster'],
        additionalProperties: false,
        properties: {
          cluster: { type: 'string', minLength: 1, maxLength: 63 },
          namespace: releaseNamespace,
          values: { ...valuesText, description: 'this cluster’s values, laid over the shared ones' },
        },
      },
    },
  },
} as const;

export const multiInstallAnswer = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['cluster', 'namespace'],
        additionalProperties: false,
        properties: {
          cluster: { type: 'string' },
          namespace: { type: 'string' },
          action: { type: 'string', enum: ['install', 'upgrade'], description: 'what the job does there' },
          job: helmJob,
          error: {
            ...errorResponse.properties.error,
            properties: { ...errorResponse.properties.error.properties, messageCode: helmMessageCode },
            description:
              'why this cluster was refused; `messageCode` and `params` say it as a code the console words',
          },
        },
      },
    },
  },
} as const;

export type ChartRefBody = FromSchema<typeof chartRef>;
export type InstallBody = FromSchema<typeof installBody>;
export type UpgradeBody = FromSchema<typeof upgradeBody>;
export type RollbackBody = FromSchema<typeof rollbackBody>;
export type UninstallQuery = FromSchema<typeof uninstallQuery>;
export type PreviewBody = FromSchema<typeof previewBody>;
export type HelmJob = FromSchema<typeof helmJob>;
export type ReleaseObject = FromSchema<typeof releaseObject>;
export type ReleaseList = FromSchema<typeof releaseList>;
export type ReleaseStatus = FromSchema<typeof releaseStatus>;
export type ReleaseHistory = FromSchema<typeof releaseHistory>;
export type ReleaseValues = FromSchema<typeof releaseValues>;
export type ReleaseManifest = FromSchema<typeof releaseManifest>;
export type ReleasePreview = FromSchema<typeof releasePreview>;
export type MultiInstallBody = FromSchema<typeof multiInstallBody>;
export type MultiInstallAnswer = FromSchema<typeof multiInstallAnswer>;

const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });
const releases = '/api/v1/clusters/:cluster/helm/releases';
const release = `${releases}/:namespace/:name`;

/** The Helm operation routes, as API_ROUTES lists them (the api-contract test checks each). */
export const HELM_OPERATION_ROUTES = {
  [`GET ${releases}`]: { response: answers({ 200: releaseList }) },
  [`POST ${releases}`]: { body: installBody, response: answers({ 202: helmJob }) },
  [`GET ${release}`]: { response: answers({ 200: releaseStatus }) },
  [`DELETE ${release}`]: { querystring: uninstallQuery, response: answers({ 202: helmJob }) },
  [`GET ${release}/history`]: { response: answers({ 200: releaseHistory }) },
  [`GET ${release}/values`]: { querystring: releaseValuesQuery, response: answers({ 200: releaseValues }) },
  [`GET ${release}/manifest`]: {
    querystring: releaseManifestQuery,
    response: answers({ 200: releaseManifest }),
  },
  [`POST ${release}/upgrade`]: { body: upgradeBody, response: answers({ 202: helmJob }) },
  [`POST ${release}/rollback`]: { body: rollbackBody, response: answers({ 202: helmJob }) },
  [`POST ${release}/preview`]: { body: previewBody, response: answers({ 200: releasePreview }) },
  'POST /api/v1/helm/installs': { body: multiInstallBody, response: answers({ 202: multiInstallAnswer }) },
} as const;
