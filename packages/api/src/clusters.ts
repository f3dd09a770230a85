import type { FromSchema } from 'json-schema-to-ts';
import { clusterReasonCode, clusterReasonParams } from './cluster-reasons.ts';
import { anyObject } from './errors.ts';

const nullable = <T extends 'string' | 'number' | 'integer'>(type: T) => ({ type: [type, 'null'] }) as const;

/** A cluster's health as the registry records it. */
export const CLUSTER_STATUSES = ['Ready', 'Offline', 'Unknown'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];
/** What GET /api/v1/clusters sorts by; `status` puts Offline, then Unknown, before Ready. */
export const CLUSTER_SORTS = ['name', 'status', 'version', 'nodes', 'created'] as const;
export type ClusterSort = (typeof CLUSTER_SORTS)[number];

/** A registered cluster with its health, as GET /api/v1/clusters lists it; never its credentials. */
export const cluster = {
  type: 'object',
  description: 'A registered cluster with its health; never its credentials',
  required: [
    'id',
    'name',
    'displayName',
    'description',
    'labels',
    'serverUrl',
    'status',
    'reason',
    'reasonCode',
    'reasonParams',
    'lastSeenAt',
    'probeLatencyMs',
    'version',
    'platform',
    'nodeCount',
    'createdAt',
    'updatedAt',
    'credentialExpiry',
    'warnings',
  ],
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    displayName: { type: 'string' },
    description: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    serverUrl: { type: 'string' },
    status: { type: 'string', enum: CLUSTER_STATUSES },
    reason: nullable('string'),
    reasonCode: clusterReasonCode,
    reasonParams: clusterReasonParams,
    lastSeenAt: nullable('string'),
    probeLatencyMs: nullable('number'),
    version: nullable('string'),
    platform: nullable('string'),
    nodeCount: nullable('integer'),
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    credentialExpiry: { type: 'array', items: anyObject },
    warnings: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** GET /api/v1/clusters: filters, sort and paging; without `limit` every matching cluster comes at once. */
export const clusterListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    labelSelector: {
      type: 'string',
      maxLength: 2000,
      description:
        "a Kubernetes label selector over the clusters' labels: env=prod,tier!=edge,region in (eu,us),!canary",
    },
    status: {
      type: 'string',
      maxLength: 200,
      description: 'comma-separated, any case: Ready, Offline, Unknown',
    },
    q: { type: 'string', maxLength: 253, description: 'name or display name contains, any case' },
    sort: { type: 'string', enum: CLUSTER_SORTS },
    order: { type: 'string', enum: ['asc', 'desc'] },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    continue: { type: 'string', maxLength: 2000 },
  },
} as const;

/** GET /api/v1/clusters: the clusters the caller may see that match, one page of them. */
export const clusterList = {
  type: 'object',
  required: ['items', 'total', 'continue'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: cluster },
    total: { type: 'integer', description: 'clusters matching the filters, over every page' },
    continue: {
      ...nullable('string'),
      description: 'ask again with this for the next page; null on the last',
    },
  },
} as const;

/** POST /api/v1/kubeconfig/check: a kubeconfig and the context to use (its current-context if none). */
export const kubeconfigCheckBody = {
  type: 'object',
  required: ['kubeconfig'],
  additionalProperties: false,
  properties: {
    kubeconfig: { type: 'string', minLength: 1, maxLength: 1_000_000, description: 'the kubeconfig as YAML' },
    context: {
      type: 'string',
      description: "the context to use; the kubeconfig's current-context if left out",
    },
  },
} as const;

const stringList = { type: 'array', items: { type: 'string' } } as const;

/**
 * POST /api/v1/kubeconfig/check: what registration's connection check found, with nothing saved.
 * Registering with the same kubeconfig and context runs the same check again.
 */
export const connectionFacts = {
  type: 'object',
  description: "What registering this kubeconfig's context would find; nothing is saved",
  required: [
    'context',
    'server',
    'identity',
    'version',
    'platform',
    'platformEvidence',
    'nodeCount',
    'missingPermissions',
    'credentialExpiry',
    'warnings',
  ],
  additionalProperties: false,
  properties: {
    context: {
      type: 'object',
      required: ['name', 'cluster', 'user', 'namespace'],
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        cluster: { type: 'string' },
        user: { type: 'string' },
        namespace: nullable('string'),
      },
    },
    server: { type: 'string', description: "the API server's address" },
    identity: {
      description:
        'who the credentials authenticate as (SelfSubjectReview); null when the server does not say',
      anyOf: [
        {
          type: 'object',
          required: ['username', 'groups'],
          additionalProperties: false,
          properties: { username: { type: 'string' }, groups: stringList },
        },
        { type: 'null' },
      ],
    },
    version: {
      type: 'object',
      required: ['gitVersion', 'major', 'minor'],
      additionalProperties: false,
      properties: { gitVersion: { type: 'string' }, major: { type: 'string' }, minor: { type: 'string' } },
    },
    platform: {
      type: 'string',
      description: 'eks, gke, aks, k3s, rke2, openshift, kind, minikube, kwok or unknown',
    },
    platformEvidence: { type: 'string', description: 'what the platform was told by' },
    nodeCount: { ...nullable('integer'), description: 'null when the credentials may not list nodes' },
    missingPermissions: {
      type: 'array',
      description:
        'resource types sync will keep but the credentials may not list and watch in all namespaces',
      items: {
        type: 'object',
        required: ['group', 'resource', 'verbs'],
        additionalProperties: false,
        properties: {
          group: { type: 'string', description: "'' for the core group" },
          resource: { type: 'string' },
          verbs: { ...stringList, description: 'the verbs refused' },
        },
      },
    },
    credentialExpiry: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'field', 'expiresAt', 'subject', 'renewable'],
        additionalProperties: false,
        properties: {
          kind: { type: 'string', enum: ['client-certificate', 'token', 'id-token', 'exec'] },
          field: { type: 'string', description: 'the kubeconfig field it came from' },
          expiresAt: { ...nullable('string'), description: 'null when the credential does not say' },
          subject: { ...nullable('string'), description: "a certificate's subject" },
          renewable: { type: 'boolean', description: 'renewed without the user (an exec plugin runs again)' },
        },
      },
    },
    warnings: { ...stringList, description: 'what works but needs attention, in words' },
  },
} as const;

export type Cluster = FromSchema<typeof cluster>;
export type ClusterList = FromSchema<typeof clusterList>;
export type ClusterListQuery = FromSchema<typeof clusterListQuery>;
export type KubeconfigCheckBody = FromSchema<typeof kubeconfigCheckBody>;
export type ConnectionFacts = FromSchema<typeof connectionFacts>;
