import { apiVersionOf as apiVersionOfKind, KIND_REGISTRY, type KindDescriptor } from '@portolan/kinds';
import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import type { KubeClient, KubeRequest } from '#server/kube/kube-client.ts';
import { callKube } from '#server/resources/kube-call.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { type ObjectLocation, operationOf, pathOf } from '#server/resources/object-location.ts';
import { ResourceError } from '#server/resources/resource-errors.ts';

const WORKLOADS = KIND_REGISTRY.inCollection('workloads');

/** The kinds the workload routes and actions take: the kind registry's workloads collection. */
export const WORKLOAD_KINDS: readonly string[] = WORKLOADS.map((kind) => kind.kind);
/** A Kind of the workloads collection (`Deployment`, …); the routes' schemas refuse any other. */
export type WorkloadKind = string;

export interface WorkloadRef {
  kind: WorkloadKind;
  namespace: string;
  name: string;
}

/** A built-in namespaced resource; these APIs are stable, so no discovery is needed. */
export function builtIn(group: string, version: string, resource: string, kind: string): DiscoveredResource {
  return {
    group,
    version,
    resource,
    kind,
    singular: kind.toLowerCase(),
    namespaced: true,
    verbs: [],
    shortNames: [],
    categories: [],
    subresources: [],
    preferred: true,
  };
}

/** A built-in kind's resource as the kind registry describes it: `registeredResource('replicasets')`. */
export function registeredResource(plural: string): DiscoveredResource {
  const kind = KIND_REGISTRY.find(plural);
  if (!kind) throw new Error(`the kind registry describes no "${plural}"; add its descriptor`);
  return { ...builtIn(kind.group, kind.version, kind.plural, kind.kind), namespaced: kind.namespaced };
}

/** The registry's description of a workload kind. */
export function workloadDescriptor(kind: WorkloadKind): KindDescriptor {
  const found = WORKLOADS.find((workload) => workload.kind === kind);
  if (!found) {
    throw new ResourceError(
      'bad-request',
      400,
      `${kind} is not a workload kind; use one of ${WORKLOAD_KINDS.join(', ')}`,
    );
  }
  return found;
}

/** The workload kinds that have a trait: which scale, which restart. */
export const workloadKindsThat = (trait: 'scalable' | 'restartable'): string[] =>
  WORKLOADS.filter((kind) => kind[trait]).map((kind) => kind.kind);

export function workloadResource(kind: WorkloadKind): DiscoveredResource {
  return registeredResource(workloadDescriptor(kind).plural);
}

export const apiVersionOf = (kind: WorkloadKind) => apiVersionOfKind(workloadDescriptor(kind));

export function workloadLocation(ref: WorkloadRef): ObjectLocation {
  return { resource: workloadResource(ref.kind), namespace: ref.namespace, name: ref.name };
}

/** Refuses an action that a kind does not have, e.g. scaling a DaemonSet. */
export function requireKind(ref: WorkloadRef, allowed: readonly WorkloadKind[], action: string): void {
  if (!allowed.includes(ref.kind)) {
    throw new ResourceError(
      'bad-request',
      400,
      `${action} applies to ${allowed.join(' and ')}, not to a ${ref.kind}`,
    );
  }
}

/** A request to one object (or its subresource); errors keep their Kubernetes meaning. */
export async function callObject<T = KubeObject>(
  client: KubeClient,
  location: ObjectLocation,
  verb: string,
  request: Omit<KubeRequest, 'path'> & { subresource?: string } = {},
): Promise<T> {
  const { subresource, ...rest } = request;
  const path = pathOf(location, subresource);
  return (await callKube<T>(client, { ...rest, path }, operationOf(location, verb, subresource))).body;
}

export function readWorkload<T = KubeObject>(client: KubeClient, ref: WorkloadRef): Promise<T> {
  return callObject<T>(client, workloadLocation(ref), 'get');
}

export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';

/** Patches a workload: the patch goes as JSON with the given content type. */
export function patchWorkload<T = KubeObject>(
  client: KubeClient,
  ref: WorkloadRef,
  patch: unknown,
  contentType: string,
  subresource?: string,
  dryRun?: boolean,
): Promise<T> {
  return callObject<T>(client, workloadLocation(ref), 'patch', {
    method: 'PATCH',
    body: JSON.stringify(patch),
    contentType,
    ...(dryRun ? { query: { dryRun: 'All' } } : {}),
    ...(subresource ? { subresource } : {}),
  });
}

/** Lists one namespace's objects of a resource with an optional label or field selector. */
export async function listIn<T = KubeObject>(
  client: KubeClient,
  resource: DiscoveredResource,
  namespace: string,
  selectors: { labelSelector?: string; fieldSelector?: string } = {},
): Promise<T[]> {
  const location: ObjectLocation = { resource, namespace, name: undefined };
  const body = await callKube<{ items?: T[] }>(
    client,
    { path: pathOf(location), query: selectors },
    operationOf(location, 'list'),
  );
  return body.body.items ?? [];
}
