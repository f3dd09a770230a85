import {
  type MultiClusterServiceDocument,
  multiClusterServiceDocument,
  multiClusterServiceList,
  multiClusterServiceView,
} from '@portolan/api';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { callerOf } from '#server/iam/route-guards.ts';
import type { MultiClusterServices } from '#server/propagation/contract.ts';
import { selectedClusters } from '#server/propagation/services/mcs-exports.ts';
import { GenerationConflictError } from '#server/store/multicluster-services/mcs-store.ts';
import type { Store } from '#server/store/store.ts';
import { noContent, responses } from '../shared/route-schemas.ts';
import { checkDocument, McsDocumentError, requireMayImport, visibleView } from './mcs-access.ts';

export interface McsRouteDeps {
  services: MultiClusterServices;
  store: Pick<Store, 'clusters' | 'resources'>;
}

const tags = ['multicluster-services'];
const dnsLabel = { type: 'string', minLength: 1, maxLength: 63 } as const;
const params = {
  type: 'object',
  required: ['namespace', 'name'],
  properties: { namespace: dnsLabel, name: dnsLabel },
} as const;
type Named = { Params: { namespace: string; name: string } };

const notFound = (reply: FastifyReply, namespace: string, name: string) =>
  reply.status(404).send({
    error: {
      code: 'not-found',
      message: `no multi-cluster Service ${namespace}/${name} that you may read`,
    },
  });

/**
 * Multi-cluster Services: export a Service from the clusters that run it, import it into others as a
 * selector-less Service with EndpointSlices of every exporting cluster's ready pods. Each route checks
 * the exact clusters itself (the document names several), so the hook only asks for the permission
 * somewhere.
 */
export function registerMultiClusterServiceRoutes(app: FastifyInstance, deps: McsRouteDeps): void {
  const { services } = deps;
  const read = { permission: 'resources:read', scope: 'handler' } as const;
  const write = { permission: 'resources:write', scope: 'handler' } as const;
  const path = '/api/v1/multicluster-services/:namespace/:name';

  /** The clusters a document imports into and exports from now, as registered. */
  async function clustersOf(document: MultiClusterServiceDocument) {
    const clusters = await deps.store.clusters.list();
    const importTo = selectedClusters(document.spec.importTo, clusters).map((cluster) => cluster.name);
    const { namespace } = document.metadata;
    const name = document.spec.service ?? document.metadata.name;
    const exportFrom = document.spec.exportFrom
      ? selectedClusters(document.spec.exportFrom, clusters).map((cluster) => cluster.name)
      : [];
    // Left out: every cluster that has the Service now.
    if (!document.spec.exportFrom)
      for (const cluster of clusters) {
        const key = { group: '', version: 'v1', resource: 'services', namespace, name };
        if (await deps.store.resources.get(cluster.id, key)) exportFrom.push(cluster.name);
      }
    return { importTo, exportFrom };
  }

  app.get(
    '/api/v1/multicluster-services',
    {
      config: read,
      schema: {
        tags,
        summary: 'Multi-cluster Services you may read, with what each cluster exports and imports',
        description:
          'Only the exporting and import clusters where you may read the namespace are shown; a ' +
          'multi-cluster Service with none of them is left out.',
        response: responses({ 200: multiClusterServiceList }),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const items = (await services.list()).flatMap((view) => visibleView(caller, view) ?? []);
      return { items };
    },
  );

  app.get<Named>(
    path,
    {
      config: read,
      schema: {
        tags,
        summary: 'One multi-cluster Service',
        params,
        response: responses({ 200: multiClusterServiceView }),
      },
    },
    async (request, reply) => {
      const { namespace, name } = request.params;
      const view = await services.get(namespace, name);
      const visible = view && visibleView(callerOf(request), view);
      return visible ?? notFound(reply, namespace, name);
    },
  );

  app.put<Named & { Body: MultiClusterServiceDocument }>(
    path,
    {
      config: write,
      schema: {
        tags,
        summary: 'Create or replace a multi-cluster Service (a portolan.dev/v1 MultiClusterService document)',
        description:
          'Needs resources:write in metadata.namespace on every cluster spec.importTo picks and ' +
          'resources:read there on every cluster spec.exportFrom picks (left out: every cluster that has ' +
          'the Service). Portolan applies the imports with its own credentials (field manager portolan-mcs). ' +
          'metadata.generation, when given, must be the stored one (409 otherwise).',
        params,
        body: multiClusterServiceDocument,
        response: responses({ 200: multiClusterServiceView, 201: multiClusterServiceView }),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { namespace, name } = request.params;
      const document = request.body;
      try {
        checkDocument(document, namespace, name);
      } catch (error) {
        if (!(error instanceof McsDocumentError)) throw error;
        return reply
          .status(400)
          .send({ error: { code: 'invalid', message: error.message, field: error.field } });
      }
      requireMayImport(caller, namespace, await clustersOf(document), `save ${namespace}/${name}`);
      // Replacing one: the clusters it reaches now must be the caller's too, or they could take it away.
      const before = await services.get(namespace, name);
      if (before)
        requireMayImport(
          caller,
          namespace,
          await clustersOf(before.document),
          `replace ${namespace}/${name}`,
        );
      try {
        const { view, created } = await services.save(document, caller.username);
        return reply.status(created ? 201 : 200).send(visibleView(caller, view) ?? view);
      } catch (error) {
        if (!(error instanceof GenerationConflictError)) throw error;
        return reply
          .status(409)
          .send({ error: { code: 'conflict', message: error.message, field: 'metadata.generation' } });
      }
    },
  );

  app.delete<Named>(
    path,
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a multi-cluster Service: the Services and EndpointSlices it imported go first',
        description:
          'Deletes only what Portolan created for it (by label and recorded uid); nothing else on the ' +
          'import clusters is touched. Needs the same permissions as saving it.',
        params,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { namespace, name } = request.params;
      const view = await services.get(namespace, name);
      if (!view || !visibleView(caller, view)) return notFound(reply, namespace, name);
      requireMayImport(caller, namespace, await clustersOf(view.document), `remove ${namespace}/${name}`);
      await services.remove(namespace, name, caller.username);
      return reply.status(204).send();
    },
  );
}
