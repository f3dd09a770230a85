import {
  type ClusterListQuery,
  clusterListQuery,
  connectionFacts,
  type KubeconfigCheckBody,
  kubeconfigCheckBody,
  syncAnswer,
} from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { ClusterError } from '#server/clusters/cluster-errors.ts';
import { queryClusters } from '#server/clusters/cluster-list-query.ts';
import type { ClusterRegistry, TrustOptions } from '#server/clusters/cluster-registry.ts';
import type { HealthProber } from '#server/clusters/health-prober.ts';
import { listContexts, parseKubeconfig } from '#server/clusters/kubeconfig.ts';
import { KubeconfigError } from '#server/clusters/kubeconfig-errors.ts';
import { seesCluster, visibleScopes } from '#server/iam/authorize.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import type { Store } from '#server/store/store.ts';
import type { SyncManager } from '#server/sync/sync-manager.ts';
import { responses } from '../shared/route-schemas.ts';
import { connectionFactsAnswer } from './connection-facts.ts';

const labels = { type: 'object', additionalProperties: { type: 'string', maxLength: 63 } } as const;
const nameParams = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', maxLength: 63 } },
} as const;
const kubeconfigFields = kubeconfigCheckBody.properties;

export interface ClusterRouteDeps {
  clusters: ClusterRegistry;
  store: Store;
  sync: SyncManager;
  health: HealthProber;
  /** What a kubeconfig sent over the API may do on this server (exec plugins, file paths). */
  trust: TrustOptions;
}

/** The cluster registry: add from a kubeconfig, list, inspect, relabel, replace credentials, remove. */
export function registerClusterRoutes(app: FastifyInstance, deps: ClusterRouteDeps): void {
  const read = { permission: 'clusters:read' } as const;
  const write = { permission: 'clusters:write' } as const;
  type Named = { Params: { name: string } };

  // Members of a cluster or of one of its namespaces see the cluster, its health and its events.
  const member = { permission: 'clusters:read', scope: 'handler' } as const;

  // Filtered after visibility, so counts and pages hold only clusters the caller may see.
  app.get<{ Querystring: ClusterListQuery }>(
    '/api/v1/clusters',
    { config: member, schema: { querystring: clusterListQuery } },
    async (request) => {
      const visible = visibleScopes(callerOf(request), 'clusters:read');
      const items = await deps.clusters.list();
      return queryClusters(
        items.filter((cluster) => seesCluster(visible, cluster.name)),
        request.query,
      );
    },
  );

  app.post<{ Body: { kubeconfig: string } }>(
    '/api/v1/kubeconfig/contexts',
    {
      config: read,
      schema: {
        body: {
          type: 'object',
          required: ['kubeconfig'],
          additionalProperties: false,
          properties: kubeconfigFields,
        },
      },
    },
    async (request) => {
      try {
        return { items: listContexts(parseKubeconfig(request.body.kubeconfig)) };
      } catch (error) {
        if (error instanceof KubeconfigError)
          throw new ClusterError('invalid-kubeconfig', error.message, error);
        throw error;
      }
    },
  );

  // Registration's own check, so it needs registration's permission: it opens connections to any
  // address it is given, and a Viewer must not use it to probe the network. Nothing changes, so a
  // success is no change for the audit trail.
  app.post<{ Body: KubeconfigCheckBody }>(
    '/api/v1/kubeconfig/check',
    {
      config: { ...write, audit: 'refusals' },
      schema: {
        tags: ['clusters'],
        summary: 'Test a kubeconfig: connect as registering would, and save nothing',
        description:
          'Runs the connection check that registering a cluster runs (parse, choose the context, connect, ' +
          'read the version, identity, nodes and platform, check what sync may list and watch) and answers ' +
          'what it found. A kubeconfig that cannot be used is refused with 400 naming the field, line and ' +
          'column; a cluster that cannot be reached or refuses the credentials with 422 naming the problem ' +
          '(and for a timeout the step that ran out of time).',
        body: kubeconfigCheckBody,
        response: responses({ 200: connectionFacts }),
      },
    },
    async (request) => connectionFactsAnswer(await deps.clusters.testConnection(request.body, deps.trust)),
  );

  app.post<{
    Body: {
      name: string;
      kubeconfig: string;
      context?: string;
      displayName?: string;
      description?: string;
      labels?: Record<string, string>;
    };
  }>(
    '/api/v1/clusters',
    {
      config: write,
      schema: {
        body: {
          type: 'object',
          required: ['name', 'kubeconfig'],
          additionalProperties: false,
          properties: {
            name: { type: 'string' },
            displayName: { type: 'string', maxLength: 200 },
            description: { type: 'string', maxLength: 2000 },
            labels,
            ...kubeconfigFields,
          },
        },
      },
    },
    async (request, reply) => {
      const { cluster, facts } = await deps.clusters.register(request.body, deps.trust);
      return reply.status(201).send({
        ...cluster,
        identity: facts.identity,
        missingPermissions: facts.missingPermissions,
        warnings: facts.warnings,
      });
    },
  );

  app.get<Named>(
    '/api/v1/clusters/:name',
    { config: member, schema: { params: nameParams } },
    async (request) => deps.clusters.get(request.params.name),
  );

  app.patch<
    Named & { Body: { displayName?: string; description?: string; labels?: Record<string, string> } }
  >(
    '/api/v1/clusters/:name',
    {
      config: write,
      schema: {
        params: nameParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            displayName: { type: 'string', maxLength: 200 },
            description: { type: 'string', maxLength: 2000 },
            labels,
          },
        },
      },
    },
    async (request) => deps.clusters.update(request.params.name, request.body),
  );

  app.put<Named & { Body: { kubeconfig: string; context?: string } }>(
    '/api/v1/clusters/:name/kubeconfig',
    {
      config: write,
      schema: {
        params: nameParams,
        body: {
          type: 'object',
          required: ['kubeconfig'],
          additionalProperties: false,
          properties: kubeconfigFields,
        },
      },
    },
    async (request) => deps.clusters.replaceKubeconfig(request.params.name, request.body, deps.trust),
  );

  app.delete<Named>(
    '/api/v1/clusters/:name',
    { config: write, schema: { params: nameParams } },
    async (request, reply) => {
      await deps.clusters.remove(request.params.name);
      return reply.status(204).send();
    },
  );

  app.get<Named>(
    '/api/v1/clusters/:name/sync',
    { config: read, schema: { params: nameParams, response: responses({ 200: syncAnswer }) } },
    async (request) => {
      const cluster = await deps.clusters.get(request.params.name);
      return {
        cluster: cluster.name,
        engine: deps.sync.status(cluster.id) ?? null,
        resources: await deps.store.syncStates.list(cluster.id),
      };
    },
  );

  app.get<Named>(
    '/api/v1/clusters/:name/events',
    { config: member, schema: { params: nameParams } },
    async (request) => {
      const cluster = await deps.clusters.get(request.params.name);
      return { items: deps.health.events(cluster.id) };
    },
  );

  app.post<Named>(
    '/api/v1/clusters/:name/probe',
    { config: write, schema: { params: nameParams } },
    async (request) => {
      const cluster = await deps.clusters.get(request.params.name);
      await deps.health.probe(cluster.id);
      return deps.clusters.get(request.params.name);
    },
  );
}
