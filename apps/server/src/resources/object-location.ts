import { type DiscoveredResource, resourcePath } from '#server/kube/discovery-types.ts';
import type { KindResolver } from './kind-resolver.ts';
import type { Operation } from './kube-call.ts';
import type { KubeObject, ObjectRef } from './kube-object.ts';
import { ResourceError } from './resource-errors.ts';

/** One object (or a collection, without a name) of a resolved resource type. */
export interface ObjectLocation {
  resource: DiscoveredResource;
  /** Undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  name: string | undefined;
}

export function pathOf(location: ObjectLocation, subresource?: string): string {
  const collection = resourcePath(location.resource, location.namespace);
  if (location.name === undefined) return collection;
  return `${collection}/${encodeURIComponent(location.name)}${subresource ? `/${subresource}` : ''}`;
}

export function operationOf(location: ObjectLocation, verb: string, subresource?: string): Operation {
  const operation: Operation = { verb, group: location.resource.group, resource: location.resource.resource };
  if (subresource) operation.subresource = subresource;
  if (location.namespace) operation.namespace = location.namespace;
  if (location.name) operation.name = location.name;
  return operation;
}

/** A namespaced kind needs a namespace; a cluster-scoped one ignores it. */
export function scopedNamespace(
  resource: DiscoveredResource,
  namespace: string | undefined,
): string | undefined {
  if (!resource.namespaced) return undefined;
  if (!namespace) {
    const qualified = resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
    throw new ResourceError('bad-request', 400, `${qualified} live in namespaces: give a namespace`);
  }
  return namespace;
}

export async function locateRef(kinds: KindResolver, ref: ObjectRef): Promise<ObjectLocation> {
  const resource = await kinds.resolve(ref.kind);
  return { resource, namespace: scopedNamespace(resource, ref.namespace), name: ref.name };
}

/**
 * Where an object goes: its kind from apiVersion and kind, its namespace from metadata or the
 * default. A metadata namespace that differs from an explicit one is refused, as kubectl does.
 */
export async function locateObject(
  kinds: KindResolver,
  object: KubeObject,
  defaultNamespace: string | undefined,
): Promise<ObjectLocation> {
  const resource = await kinds.resolveObject(object.apiVersion ?? '', object.kind ?? '');
  const own = object.metadata?.namespace;
  if (resource.namespaced && own && defaultNamespace && own !== defaultNamespace) {
    throw new ResourceError(
      'bad-request',
      400,
      `${object.kind} "${object.metadata?.name}" says namespace "${own}", but the request is for namespace "${defaultNamespace}"`,
    );
  }
  return {
    resource,
    namespace: scopedNamespace(resource, own || defaultNamespace),
    name: object.metadata?.name,
  };
}

/** A copy of the object with its namespace set as the location says. */
export function placed(object: KubeObject, location: ObjectLocation): KubeObject {
  const metadata = { ...object.metadata };
  if (location.namespace) metadata.namespace = location.namespace;
  return { ...object, metadata };
}

/** Warnings the server sent in `Warning` headers, e.g. a deprecated API or an ignored field. */
export function warningsOf(headers: Record<string, string | string[] | undefined>): string[] {
  const raw = headers.warning;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  // Format: `299 - "text"`; several may share one header, comma-separated.
  return values.flatMap((value) =>
    [...value.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)].map((match) =>
      (match[1] ?? '').replace(/\\(.)/g, '$1'),
    ),
  );
}
