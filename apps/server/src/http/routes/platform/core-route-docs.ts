import { cluster, clusterList, searchAnswer } from '@portolan/api';
import { anyObject, errorResponse, noContent } from '../shared/route-schemas.ts';

/**
 * Documentation of the routes written before the OpenAPI document: their responses and tags. It
 * changes only the document, never how the routes answer.
 */
const sandbox = {
  type: 'object',
  description: 'A local sandbox cluster',
  additionalProperties: true,
  properties: {
    name: { type: 'string' },
    status: { type: 'string', enum: ['running', 'stopped', 'degraded'] },
    createdAt: { type: 'string' },
    server: { type: 'string' },
    kubeconfigPath: { type: 'string' },
    options: anyObject,
    components: { type: 'array', items: anyObject },
    readyMs: { type: 'number' },
  },
} as const;

/** The answer when the new sandbox is also registered (register) and filled (demo). */
const sandboxCluster = {
  type: 'object',
  description: 'The sandbox, the cluster it was registered as, and with demo each object made',
  properties: {
    sandbox,
    cluster,
    demo: {
      type: 'object',
      properties: {
        failed: { type: 'integer' },
        objects: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              kind: { type: 'string' },
              namespace: { type: 'string' },
              name: { type: 'string' },
              outcome: { type: 'string', enum: ['created', 'configured', 'failed'] },
              error: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

const items = (of: object) => ({ type: 'object', properties: { items: { type: 'array', items: of } } });
const status = { type: 'object', properties: { status: { type: 'string' } } } as const;
const text = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: { type: 'string' } } },
});

interface RouteDoc {
  tags: string[];
  summary: string;
  response: Record<string, object>;
}

const doc = (tags: string, summary: string, ok: Record<string, object>): RouteDoc => ({
  tags: [tags],
  summary,
  response: { ...ok, '4xx': errorResponse, '5xx': errorResponse },
});

export const CORE_ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /healthz': doc('server', 'Liveness', { 200: status }),
  'GET /readyz': doc('server', 'Readiness after start-up work', { 200: status, 503: status }),
  'GET /metrics': doc('server', 'Prometheus metrics', {
    200: text('text/plain', 'metrics in the text format'),
  }),
  'GET /api/v1/sandboxes': doc('sandboxes', 'Local sandbox clusters', { 200: items(sandbox) }),
  'GET /api/v1/sandboxes/:name': doc('sandboxes', 'One sandbox', { 200: sandbox }),
  'POST /api/v1/sandboxes': doc(
    'sandboxes',
    'Create and start a sandbox; register and demo also add it as a cluster and fill it',
    {
      201: { anyOf: [sandbox, sandboxCluster] },
    },
  ),
  'POST /api/v1/sandboxes/:name/start': doc('sandboxes', 'Start a stopped sandbox', { 200: sandbox }),
  'POST /api/v1/sandboxes/:name/stop': doc('sandboxes', 'Stop a sandbox; its data stays', { 200: sandbox }),
  'DELETE /api/v1/sandboxes/:name': doc('sandboxes', 'Stop and remove a sandbox', { 204: noContent }),
  'GET /api/v1/clusters': doc('clusters', 'Registered clusters with health', { 200: clusterList }),
  'POST /api/v1/kubeconfig/contexts': doc('clusters', 'The contexts of a pasted kubeconfig', {
    200: items(anyObject),
  }),
  'POST /api/v1/clusters': doc('clusters', 'Register a cluster from a kubeconfig', {
    201: {
      ...cluster,
      properties: {
        ...cluster.properties,
        identity: anyObject,
        missingPermissions: { type: 'array', items: anyObject },
      },
    },
  }),
  'GET /api/v1/clusters/:name': doc('clusters', 'One cluster with health', { 200: cluster }),
  'PATCH /api/v1/clusters/:name': doc('clusters', 'Relabel or rename for display', { 200: cluster }),
  'PUT /api/v1/clusters/:name/kubeconfig': doc('clusters', 'Replace credentials, keeping data and settings', {
    200: cluster,
  }),
  'DELETE /api/v1/clusters/:name': doc('clusters', 'Remove a cluster; its sync stops and rows go', {
    204: noContent,
  }),
  'GET /api/v1/clusters/:name/sync': doc('clusters', 'Per-type sync state', {
    200: {
      type: 'object',
      properties: {
        cluster: { type: 'string' },
        engine: { anyOf: [anyObject, { type: 'null' }] },
        resources: { type: 'array', items: anyObject },
      },
    },
  }),
  'GET /api/v1/clusters/:name/events': doc('clusters', 'Health changes', { 200: items(anyObject) }),
  'POST /api/v1/clusters/:name/probe': doc('clusters', 'Probe the cluster now', { 200: cluster }),
  'GET /api/v1/kubeconfig': doc(
    'clusters',
    'A kubeconfig for kubectl and helm through the Kubernetes API proxy',
    {
      200: text('application/yaml', 'the kubeconfig'),
    },
  ),
  'GET /api/v1/search': doc('search', 'Any kinds across clusters, from the store', { 200: searchAnswer }),
  'GET /api/v1/summary': doc(
    'search',
    'Nodes, pods, workloads, capacity and pod requests per cluster and in all, as far as the caller may see',
    {
      200: anyObject,
    },
  ),
  'GET /api/v1/changes': doc('search', 'Stored changes as server-sent events', {
    200: text('text/event-stream', 'one event per change: `event: <type>` and `data: <json>`'),
  }),
};

/** For routes documented neither here nor by their own schema. */
export function fallbackDoc(url: string): RouteDoc {
  return {
    tags: ['other'],
    summary: url,
    response: { default: { description: 'the answer', content: { '*/*': { schema: {} } } } },
  };
}
