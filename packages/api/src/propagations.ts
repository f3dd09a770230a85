import type { FromSchema } from 'json-schema-to-ts';
import { errorResponse } from './errors.ts';
import { mcsReasonCode, mcsReasonParams } from './mcs-codes.ts';
import { propagationCode, propagationParams } from './propagation-codes.ts';

/**
 * Multi-cluster applications: a Propagation puts resources on many clusters at once, with per-cluster
 * overrides and replica placement, keeps them there (server-side apply under Portolan's own field
 * manager, drift repaired), moves replicas away from a cluster that stays Offline, and removes only
 * what it created. A MultiClusterService exports a Service from the clusters that run it and imports
 * it into others as a selector-less Service with EndpointSlices of every exporting cluster's ready pods.
 *
 * Both are `apiVersion: portolan.dev/v1` documents: `portolan apply -f` and the REST API accept them,
 * so policies can live in Git.
 *
 * Routes (the server declares each one's permission; see each route's description):
 * - GET    /api/v1/propagations                      list → propagationList (only what the caller may read)
 * - POST   /api/v1/propagations/preview              a document, not saved → propagationPreview
 * - GET    /api/v1/propagations/:name                one → propagationView
 * - PUT    /api/v1/propagations/:name                create or replace (JSON or YAML body) → 200/201 propagationView
 * - DELETE /api/v1/propagations/:name                remove: what it created is cleaned up first → 202 propagationView
 * - GET    /api/v1/propagations/:name/events         newest first → propagationEventPage
 * - GET    /api/v1/multicluster-services             list → multiClusterServiceList
 * - GET    /api/v1/multicluster-services/:namespace/:name          one → multiClusterServiceView
 * - PUT    /api/v1/multicluster-services/:namespace/:name          create or replace → 200/201 multiClusterServiceView
 * - DELETE /api/v1/multicluster-services/:namespace/:name          remove the imports it made → 204
 *
 * Labels and annotations Portolan puts on what it applies (the engine's contract with the console):
 * - label `portolan.dev/propagation: <name>` on every applied object AND on a workload's pod template,
 *   so the console finds a propagated workload's pods on every cluster with one label search;
 * - annotation `portolan.dev/propagation-generation: <n>`: the generation last applied there.
 * Field manager: `portolan-propagation` (server-side apply; fields other managers own, such as an
 * HPA's replicas, are left alone).
 */

const time = { type: 'string', format: 'date-time' } as const;
const dnsLabel = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
} as const;
const labelMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const selectorText = {
  type: 'string',
  maxLength: 1024,
  description: 'a Kubernetes label selector in text form: env=prod,tier!=edge,region in (eu,us),!canary',
} as const;

/** Which clusters: by name, by their labels, or all; exclusions win. At least one of names, labelSelector, all. */
export const clusterSelector = {
  type: 'object',
  additionalProperties: false,
  properties: {
    names: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 500 },
    labelSelector: selectorText,
    all: { type: 'boolean' },
    exclude: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 500 },
  },
} as const;

/** Resources read from the source cluster. A name or a labelSelector (or neither: every one of the kind). */
export const resourceSelector = {
  type: 'object',
  required: ['apiVersion', 'kind'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string', minLength: 1, description: 'e.g. apps/v1, v1' },
    kind: { type: 'string', minLength: 1 },
    namespace: { type: 'string', description: 'namespaced kinds only; required for them' },
    name: { type: 'string' },
    labelSelector: selectorText,
  },
} as const;

const jsonPatchOperation = {
  type: 'object',
  required: ['op', 'path'],
  additionalProperties: false,
  properties: {
    op: { type: 'string', enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] },
    path: { type: 'string', description: 'a JSON pointer (RFC 6901) into the object' },
    from: { type: 'string' },
    value: {},
  },
} as const;

/** Per-cluster changes laid over the rendered object, in order; the first applies first. */
export const propagationOverride = {
  type: 'object',
  required: ['clusters'],
  additionalProperties: false,
  properties: {
    clusters: clusterSelector,
    /** Which objects it changes: every one when left out. */
    resource: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { type: 'string' },
        namespace: { type: 'string' },
        name: { type: 'string' },
      },
    },
    image: {
      type: 'object',
      additionalProperties: false,
      description: 'a whole image, or only its registry or tag; container: every container when left out',
      properties: {
        container: { type: 'string' },
        image: { type: 'string', minLength: 1 },
        registry: { type: 'string', minLength: 1 },
        tag: { type: 'string', minLength: 1 },
      },
    },
    replicas: { type: 'integer', minimum: 0, maximum: 100000 },
    env: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          container: { type: 'string' },
          name: { type: 'string', minLength: 1 },
          value: { type: 'string', description: 'left out: the variable is removed' },
        },
      },
    },
    labels: labelMap,
    annotations: labelMap,
    jsonPatch: { type: 'array', items: jsonPatchOperation, maxItems: 200 },
  },
} as const;

/** How a workload's replicas are placed on the target clusters. */
export const replicaPlacement = {
  type: 'object',
  required: ['mode'],
  additionalProperties: false,
  properties: {
    mode: {
      type: 'string',
      enum: ['Duplicated', 'Weighted', 'Capacity'],
      description:
        'Duplicated: every cluster runs the full count; Weighted: the count split by static weights; ' +
        'Capacity: split by each cluster’s free capacity (allocatable minus requests) for one replica',
    },
    weights: {
      type: 'array',
      maxItems: 500,
      description: 'Weighted: a cluster (by name or label selector) and its weight; clusters unnamed get 0',
      items: {
        type: 'object',
        required: ['weight'],
        additionalProperties: false,
        properties: {
          cluster: { type: 'string' },
          labelSelector: selectorText,
          weight: { type: 'integer', minimum: 0, maximum: 10000 },
        },
      },
    },
    limits: {
      type: 'array',
      maxItems: 500,
      description: 'per-cluster minimum and maximum replicas, kept by every mode and by failover',
      items: {
        type: 'object',
        required: ['cluster'],
        additionalProperties: false,
        properties: {
          cluster: { type: 'string', minLength: 1 },
          min: { type: 'integer', minimum: 0 },
          max: { type: 'integer', minimum: 0 },
        },
      },
    },
    spreadBy: {
      type: 'string',
      description:
        'a cluster label (e.g. topology.kubernetes.io/zone): replicas are split evenly across its values ' +
        'first, then within each value by the mode',
    },
  },
} as const;

export const propagationSpec = {
  type: 'object',
  required: ['placement'],
  additionalProperties: false,
  properties: {
    /** The cluster the selected resources are read from (the "main cluster"); needed by `resources`. */
    source: {
      type: 'object',
      required: ['cluster'],
      additionalProperties: false,
      properties: { cluster: { type: 'string', minLength: 1 } },
    },
    resources: { type: 'array', items: resourceSelector, maxItems: 200 },
    /** With the selected workloads, the ConfigMaps, Secrets, ServiceAccounts and PVCs they mount. Default true. */
    includeDependencies: { type: 'boolean', default: true },
    /** Objects kept in Portolan itself (no source cluster needed): namespaces, roles, configuration. */
    templates: { type: 'array', items: { type: 'object' }, maxItems: 500 },
    placement: {
      type: 'object',
      required: ['clusters'],
      additionalProperties: false,
      properties: { clusters: clusterSelector, replicas: replicaPlacement },
    },
    overrides: { type: 'array', items: propagationOverride, maxItems: 100 },
    failover: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean', default: false },
        graceSeconds: { type: 'integer', minimum: 0, maximum: 86400, default: 60 },
        /** Never fewer ready replicas in total than this while replicas move away and back. */
        minReadyReplicas: { type: 'integer', minimum: 0 },
      },
    },
    /** Nothing is applied or removed while suspended; drift is still reported. */
    suspended: { type: 'boolean', default: false },
  },
} as const;

const documentMetadata = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: dnsLabel,
    labels: labelMap,
    annotations: labelMap,
    /** Optimistic concurrency: a PUT with a generation other than the stored one is refused (409). */
    generation: { type: 'integer' },
  },
} as const;

/** What `portolan apply -f` and PUT /api/v1/propagations/:name take. */
export const propagationDocument = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string', enum: ['portolan.dev/v1'] },
    kind: { type: 'string', enum: ['Propagation'] },
    metadata: documentMetadata,
    spec: propagationSpec,
  },
} as const;

/** The state of one object, or of one cluster as a whole (the worst of its objects). */
export const propagationState = {
  type: 'string',
  enum: ['applied', 'pending', 'failed', 'drifted', 'removing', 'offline', 'forbidden'],
  description:
    'applied: as rendered; pending: not yet applied; failed: the member cluster refused (see reason); ' +
    'drifted: changed there in a field Portolan manages, repair under way; removing: being cleaned up; ' +
    'offline: the cluster cannot be reached; forbidden: the last author may not write there',
} as const;

const replicaCount = {
  type: 'object',
  required: ['desired', 'ready'],
  additionalProperties: false,
  properties: { desired: { type: 'integer' }, ready: { type: 'integer' } },
} as const;

export const propagatedObject = {
  type: 'object',
  required: ['apiVersion', 'kind', 'name', 'state'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    namespace: { type: 'string' },
    name: { type: 'string' },
    state: propagationState,
    reason: { type: 'string' },
    /** `reason` as a code and values the console words (propagation-codes.ts). */
    reasonCode: propagationCode,
    reasonParams: propagationParams,
    /** Workloads only. */
    replicas: replicaCount,
    /** Workloads only: the member's own conditions (Available, Progressing, …). */
    conditions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'status'],
        additionalProperties: false,
        properties: {
          type: { type: 'string' },
          status: { type: 'string' },
          reason: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
    /** Portolan created it there (only such objects are ever deleted by a cleanup). */
    created: { type: 'boolean' },
    lastAppliedAt: time,
  },
} as const;

export const propagationTarget = {
  type: 'object',
  required: ['cluster', 'state', 'objects'],
  additionalProperties: false,
  properties: {
    cluster: { type: 'string' },
    state: propagationState,
    reason: { type: 'string' },
    /** `reason` as a code and values the console words (propagation-codes.ts). */
    reasonCode: propagationCode,
    reasonParams: propagationParams,
    /** Replicas placed here for each workload: the policy's share and, during failover, what moved. */
    replicas: replicaCount,
    /** Replicas this cluster took over from an Offline one, or that it lent out while Offline. */
    failover: {
      type: 'object',
      additionalProperties: false,
      properties: {
        offlineSince: time,
        movedIn: { type: 'integer' },
        movedOut: { type: 'integer' },
      },
    },
    objects: { type: 'array', items: propagatedObject },
    lastAppliedAt: time,
  },
} as const;

/** `warnings` as codes and values (propagation-codes.ts), one for each warning, in the same order. */
export const propagationWarningCodes = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'params'],
    additionalProperties: false,
    properties: { code: propagationCode, params: propagationParams },
  },
} as const;

export const propagationView = {
  type: 'object',
  required: ['document', 'generation', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt', 'status'],
  additionalProperties: false,
  properties: {
    document: propagationDocument,
    generation: { type: 'integer' },
    createdBy: { type: 'string' },
    createdAt: time,
    updatedBy: { type: 'string' },
    updatedAt: time,
    status: {
      type: 'object',
      required: ['phase', 'observedGeneration', 'targets'],
      additionalProperties: false,
      properties: {
        phase: {
          type: 'string',
          enum: ['Pending', 'Progressing', 'Applied', 'Degraded', 'Suspended', 'Deleting'],
        },
        observedGeneration: { type: 'integer' },
        /** Only the clusters the caller may read; `hiddenTargets` counts the others. */
        targets: { type: 'array', items: propagationTarget },
        hiddenTargets: { type: 'integer' },
        replicas: replicaCount,
      },
    },
    /**
     * PUT only: what in the document will not do what it seems to (a cluster name no cluster has,
     * failover that has nothing to move); the document is saved all the same.
     */
    warnings: { type: 'array', items: { type: 'string' } },
    /** PUT only: `warnings` as codes and values the console words, one for each, in the same order. */
    warningCodes: propagationWarningCodes,
  },
} as const;

export const propagationListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200, description: 'a part of the name' },
    cluster: { type: 'string', description: 'only propagations that target this cluster' },
    phase: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;

export const propagationList = {
  type: 'object',
  required: ['items', 'total'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: propagationView }, total: { type: 'integer' } },
} as const;

/** POST /api/v1/propagations/preview: per target cluster, the exact objects and their diffs. */
export const propagationPreview = {
  type: 'object',
  required: ['targets'],
  additionalProperties: false,
  properties: {
    /** As a PUT's: what in the document will not do what it seems to. */
    warnings: { type: 'array', items: { type: 'string' } },
    warningCodes: propagationWarningCodes,
    targets: {
      type: 'array',
      items: {
        type: 'object',
        required: ['cluster', 'objects'],
        additionalProperties: false,
        properties: {
          cluster: { type: 'string' },
          /** Why nothing can be shown or applied there (offline, forbidden, …). */
          error: { type: 'string' },
          /** `error` as a code and values the console words (propagation-codes.ts), when it has one. */
          errorCode: propagationCode,
          errorParams: propagationParams,
          replicas: { type: 'integer' },
          objects: {
            type: 'array',
            items: {
              type: 'object',
              required: ['apiVersion', 'kind', 'name', 'action'],
              additionalProperties: false,
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                namespace: { type: 'string' },
                name: { type: 'string' },
                action: { type: 'string', enum: ['create', 'update', 'unchanged', 'delete', 'refused'] },
                /** The object exactly as it would be applied (Secret values masked unless the caller may read them). */
                object: { type: 'object' },
                /** A unified diff of the YAML against what is there now. */
                diff: { type: 'string' },
                reason: { type: 'string' },
                reasonCode: propagationCode,
                reasonParams: propagationParams,
              },
            },
          },
        },
      },
    },
  },
} as const;

export const propagationEvent = {
  type: 'object',
  required: ['id', 'time', 'propagation', 'type', 'reason', 'message'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    time,
    propagation: { type: 'string' },
    cluster: { type: 'string' },
    type: { type: 'string', enum: ['Normal', 'Warning'] },
    reason: {
      type: 'string',
      description:
        'Applied, ApplyFailed, DriftRepaired, CleanedUp, LeftInPlace, FailoverMoved, FailbackMoved, ' +
        'Forbidden, ClusterOffline, ClusterBack',
    },
    message: { type: 'string' },
    /** `message` as a code and values the console words (propagation-codes.ts). */
    messageCode: propagationCode,
    messageParams: propagationParams,
    object: { type: 'string', description: 'kind/namespace/name' },
  },
} as const;

export const propagationEventQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cluster: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    cursor: { type: 'string' },
  },
} as const;

export const propagationEventPage = {
  type: 'object',
  required: ['items', 'nextCursor'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: propagationEvent },
    nextCursor: { type: ['string', 'null'] },
  },
} as const;

/** Export a Service from the clusters that run it; import it elsewhere as `spec.importName`. */
export const multiClusterServiceDocument = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string', enum: ['portolan.dev/v1'] },
    kind: { type: 'string', enum: ['MultiClusterService'] },
    metadata: {
      type: 'object',
      required: ['name', 'namespace'],
      additionalProperties: false,
      properties: { name: dnsLabel, namespace: dnsLabel, labels: labelMap, generation: { type: 'integer' } },
    },
    spec: {
      type: 'object',
      required: ['importTo'],
      additionalProperties: false,
      properties: {
        /** The Service's name in metadata.namespace; metadata.name when left out. */
        service: dnsLabel,
        /** Default: every cluster where that Service exists. */
        exportFrom: clusterSelector,
        importTo: clusterSelector,
        /** The imported Service's name; default `<service>-mcs`. */
        importName: dnsLabel,
      },
    },
  },
} as const;

export const multiClusterServiceView = {
  type: 'object',
  required: ['document', 'updatedBy', 'updatedAt', 'exports', 'imports'],
  additionalProperties: false,
  properties: {
    document: multiClusterServiceDocument,
    updatedBy: { type: 'string' },
    updatedAt: time,
    exports: {
      type: 'array',
      items: {
        type: 'object',
        required: ['cluster', 'readyEndpoints'],
        additionalProperties: false,
        properties: {
          cluster: { type: 'string' },
          readyEndpoints: { type: 'integer' },
          reason: {
            type: 'string',
            description: 'why this cluster exports nothing (no such Service, offline …)',
          },
          reasonCode: mcsReasonCode,
          reasonParams: mcsReasonParams,
        },
      },
    },
    imports: {
      type: 'array',
      items: {
        type: 'object',
        required: ['cluster', 'state'],
        additionalProperties: false,
        properties: {
          cluster: { type: 'string' },
          state: { type: 'string', enum: ['applied', 'pending', 'failed', 'offline', 'forbidden'] },
          reason: { type: 'string' },
          reasonCode: mcsReasonCode,
          reasonParams: mcsReasonParams,
          endpoints: { type: 'integer' },
          lastSyncedAt: time,
        },
      },
    },
  },
} as const;

export const multiClusterServiceList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: multiClusterServiceView } },
} as const;

const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });
const one = '/api/v1/propagations/:name';
const service = '/api/v1/multicluster-services/:namespace/:name';

export const PROPAGATION_ROUTES = {
  'GET /api/v1/propagations': {
    querystring: propagationListQuery,
    response: answers({ 200: propagationList }),
  },
  'POST /api/v1/propagations/preview': { response: answers({ 200: propagationPreview }) },
  [`GET ${one}`]: { response: answers({ 200: propagationView }) },
  [`PUT ${one}`]: { response: answers({ 200: propagationView, 201: propagationView }) },
  [`DELETE ${one}`]: { response: answers({ 202: propagationView }) },
  [`GET ${one}/events`]: {
    querystring: propagationEventQuery,
    response: answers({ 200: propagationEventPage }),
  },
  'GET /api/v1/multicluster-services': { response: answers({ 200: multiClusterServiceList }) },
  [`GET ${service}`]: { response: answers({ 200: multiClusterServiceView }) },
  [`PUT ${service}`]: { response: answers({ 200: multiClusterServiceView, 201: multiClusterServiceView }) },
  // 204 with no body: OpenAPI documents it without a schema, so only the failures are listed here.
  [`DELETE ${service}`]: { response: answers({}) },
} as const;

export type ClusterSelector = FromSchema<typeof clusterSelector>;
export type ResourceSelector = FromSchema<typeof resourceSelector>;
export type PropagationOverride = FromSchema<typeof propagationOverride>;
export type ReplicaPlacement = FromSchema<typeof replicaPlacement>;
export type PropagationSpec = FromSchema<typeof propagationSpec>;
export type PropagationDocument = FromSchema<typeof propagationDocument>;
export type PropagationState = FromSchema<typeof propagationState>;
export type PropagatedObject = FromSchema<typeof propagatedObject>;
export type PropagationTarget = FromSchema<typeof propagationTarget>;
export type PropagationView = FromSchema<typeof propagationView>;
export type PropagationListQuery = FromSchema<typeof propagationListQuery>;
export type PropagationList = FromSchema<typeof propagationList>;
export type PropagationPreview = FromSchema<typeof propagationPreview>;
export type PropagationEvent = FromSchema<typeof propagationEvent>;
export type PropagationEventQuery = FromSchema<typeof propagationEventQuery>;
export type PropagationEventPage = FromSchema<typeof propagationEventPage>;
export type MultiClusterServiceDocument = FromSchema<typeof multiClusterServiceDocument>;
export type MultiClusterServiceView = FromSchema<typeof multiClusterServiceView>;
export type MultiClusterServiceList = FromSchema<typeof multiClusterServiceList>;
