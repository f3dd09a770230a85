import {
  CRD_PAGE_DEFAULT,
  type CrdListQuery,
  type CrdSummary,
  crdList,
  crdListQuery,
  crdSummary,
} from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { callerOf } from '#server/iam/route-guards.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { listResources } from '#server/resources/resource-service.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import type { Store } from '#server/store/store.ts';
import { builtIn, callObject } from '#server/workloads/workload-kinds.ts';
import { pageAnswer, splitPaging } from '../iam/people-paging.ts';
import { kubeObject, pathParams, query, responses } from '../shared/route-schemas.ts';
import { pageOfCrds } from './crd-list.ts';

const CRDS = {
  ...builtIn('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition'),
  namespaced: false,
};

interface Crd extends KubeObject {
  spec: {
    group: string;
    scope: 'Namespaced' | 'Cluster';
    names: { kind: string; plural: string; shortNames?: string[] };
    versions: { name: string; served: boolean; storage: boolean }[];
  };
  status?: { conditions?: { type: string; status: string }[] };
}

function summarize(crd: Crd, count: number | undefined): CrdSummary {
  const { group, scope, names, versions } = crd.spec;
  return {
    name: crd.metadata?.name ?? '',
    group,
    kind: names.kind,
    plural: names.plural,
    shortNames: names.shortNames ?? [],
    scope,
    versions: versions.map(({ name, served, storage }) => ({ name, served, storage })),
    established:
      crd.status?.conditions?.some((entry) => entry.type === 'Established' && entry.status === 'True') ??
      false,
    count: count ?? null,
  };
}

const readCrd = (client: KubeClient, name: string) =>
  callObject<Crd>(client, { resource: CRDS, namespace: undefined, name }, 'get');

/** CustomResourceDefinitions with how many objects each has, and one CRD's custom resources. */
export function registerCrdRoutes(app: FastifyInstance, targets: ResourceTargets, store: Store): void {
  const config = { permission: 'resources:read' } as const;
  const tags = ['resources'];

  app.get<{ Params: { cluster: string }; Querystring: CrdListQuery }>(
    '/api/v1/clusters/:cluster/crds',
    {
      config,
      schema: {
        tags,
        summary:
          'The CustomResourceDefinitions, each with its versions, scope and object count: filtered, sorted and paged',
        params: pathParams(),
        querystring: crdListQuery,
        response: responses({ 200: crdList }),
      },
    },
    async (request) => {
      const { window, filter } = splitPaging({
        ...request.query,
        limit: request.query.limit ?? CRD_PAGE_DEFAULT,
      });
      const target = await targets.of(request.params.cluster, callerOf(request));
      const crds = await callObject<{ items?: Crd[] }>(
        target.client,
        { resource: CRDS, namespace: undefined, name: undefined },
        'list',
      );
      // Synced types only: a type that is not synced (yet) has no count rather than zero.
      const counts = new Map<string, number>();
      for (const state of await store.syncStates.list(target.id))
        if (state.resourceVersion) counts.set(`${state.resource}.${state.group}`, state.objectCount);
      const items = (crds.items ?? []).map((crd) => summarize(crd, counts.get(crd.metadata?.name ?? '')));
      return pageAnswer(pageOfCrds(items, filter, window), window);
    },
  );

  app.get<{
    Params: { cluster: string; name: string };
    Querystring: { namespace?: string; labelSelector?: string };
  }>(
    '/api/v1/clusters/:cluster/crds/:name/resources',
    {
      config,
      schema: {
        tags,
        summary: 'One CRD with its custom resources, read live (all namespaces unless one is given)',
        params: pathParams('name'),
        querystring: query({ namespace: { type: 'string' }, labelSelector: { type: 'string' } }),
        response: responses({
          200: {
            type: 'object',
            properties: { definition: crdSummary, items: { type: 'array', items: kubeObject } },
          },
        }),
      },
    },
    async (request) => {
      const target = await targets.of(request.params.cluster, callerOf(request));
      const crd = await readCrd(target.client, request.params.name);
      const { items } = await listResources(target, {
        kind: `${crd.spec.names.plural}.${crd.spec.group}`,
        ...(request.query.namespace ? { namespace: request.query.namespace } : {}),
        ...(request.query.labelSelector ? { labelSelector: request.query.labelSelector } : {}),
      });
      return { definition: summarize(crd, undefined), items };
    },
  );
}
