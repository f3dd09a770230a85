import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import type { KubeClient, KubeQuery } from '#server/kube/kube-client.ts';
import type { KindResolver } from './kind-resolver.ts';
import { callKube } from './kube-call.ts';
import type { KubeObject, ObjectRef } from './kube-object.ts';
import { locateObject, locateRef, operationOf, pathOf, placed } from './object-location.ts';
import { ConflictError, ResourceError } from './resource-errors.ts';

/** A cluster as the caller sees it: a client acting as the caller, and the cluster's kinds. */
export interface ResourceTarget {
  client: KubeClient;
  kinds: KindResolver;
}

export interface WriteOptions {
  /** The server checks and answers as for a real write, and stores nothing (dryRun=All). */
  dryRun?: boolean;
  fieldManager?: string;
  /** Unknown or duplicate fields are refused by default (Strict), not silently dropped. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export type PatchType = 'merge' | 'json' | 'strategic';

export interface DeleteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

export interface DeleteResult {
  /** `deleting` while finalizers or foreground deletion keep the object. */
  state: 'deleted' | 'deleting';
  object?: KubeObject;
}

const PATCH_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

export function writeQuery(options: WriteOptions): KubeQuery {
  return {
    dryRun: options.dryRun ? 'All' : undefined,
    fieldManager: options.fieldManager,
    fieldValidation: options.fieldValidation ?? 'Strict',
  };
}

/** One object, read live from the cluster. */
export async function getResource(target: ResourceTarget, ref: ObjectRef): Promise<KubeObject> {
  const location = await locateRef(target.kinds, ref);
  const response = await callKube<KubeObject>(
    target.client,
    { path: pathOf(location) },
    operationOf(location, 'get'),
  );
  return response.body;
}

/** A live list, for editing flows that need one kind's few objects; pages and search use the store. */
export async function listResources(
  target: ResourceTarget,
  query: { kind: string; namespace?: string; labelSelector?: string; fieldSelector?: string },
): Promise<{ resource: DiscoveredResource; items: KubeObject[]; resourceVersion: string }> {
  const resource = await target.kinds.resolve(query.kind);
  // A namespaced kind without a namespace lists all namespaces.
  const location = {
    resource,
    namespace: resource.namespaced ? query.namespace : undefined,
    name: undefined,
  };
  const response = await callKube<{ items?: KubeObject[]; metadata?: { resourceVersion?: string } }>(
    target.client,
    {
      path: pathOf(location),
      query: { labelSelector: query.labelSelector, fieldSelector: query.fieldSelector },
    },
    operationOf(location, 'list'),
  );
  return {
    resource,
    items: response.body.items ?? [],
    resourceVersion: response.body.metadata?.resourceVersion ?? '',
  };
}

export async function createResource(
  target: ResourceTarget,
  object: KubeObject,
  options: WriteOptions & { namespace?: string } = {},
): Promise<KubeObject> {
  const location = await locateObject(target.kinds, object, options.namespace);
  const collection = { ...location, name: undefined };
  const response = await callKube<KubeObject>(
    target.client,
    { method: 'POST', path: pathOf(collection), query: writeQuery(options), body: placed(object, location) },
    operationOf(location, 'create'),
  );
  return response.body;
}

/**
 * Replaces an object as read earlier: metadata.resourceVersion is required, so a change made
 * meanwhile is not overwritten. A ConflictError then carries the current object.
 */
export async function replaceResource(
  target: ResourceTarget,
  object: KubeObject,
  options: WriteOptions & { namespace?: string } = {},
): Promise<KubeObject> {
  const location = await locateObject(target.kinds, object, options.namespace);
  if (!object.metadata?.resourceVersion) {
    throw new ResourceError(
      'bad-request',
      400,
      'metadata.resourceVersion is required to replace an object: send the object as it was read, with your changes',
    );
  }
  try {
    const response = await callKube<KubeObject>(
      target.client,
      { method: 'PUT', path: pathOf(location), query: writeQuery(options), body: placed(object, location) },
      operationOf(location, 'update'),
    );
    return response.body;
  } catch (error) {
    if (error instanceof ConflictError) {
      error.current = await callKube<KubeObject>(
        target.client,
        { path: pathOf(location) },
        operationOf(location, 'get'),
      )
        .then((response) => response.body)
        .catch(() => undefined);
    }
    throw error;
  }
}

/** A merge patch (RFC 7386), a JSON patch (RFC 6902, a list of operations) or a strategic merge patch. */
export async function patchResource(
  target: ResourceTarget,
  ref: ObjectRef,
  patch: unknown,
  options: WriteOptions & { type: PatchType; subresource?: string },
): Promise<KubeObject> {
  const location = await locateRef(target.kinds, ref);
  if (options.type === 'json' ? !Array.isArray(patch) : typeof patch !== 'object' || patch === null) {
    throw new ResourceError(
      'bad-request',
      400,
      options.type === 'json'
        ? 'a JSON patch is a list of operations'
        : `a ${options.type} patch is an object`,
    );
  }
  const response = await callKube<KubeObject>(
    target.client,
    {
      method: 'PATCH',
      path: pathOf(location, options.subresource),
      query: writeQuery(options),
      body: JSON.stringify(patch),
      contentType: PATCH_TYPES[options.type],
    },
    operationOf(location, 'patch', options.subresource),
  );
  return response.body;
}

export async function deleteResource(
  target: ResourceTarget,
  ref: ObjectRef,
  options: DeleteOptions = {},
): Promise<DeleteResult> {
  const location = await locateRef(target.kinds, ref);
  const response = await callKube<KubeObject>(
    target.client,
    {
      method: 'DELETE',
      path: pathOf(location),
      query: {
        propagationPolicy: options.propagationPolicy,
        gracePeriodSeconds: options.gracePeriodSeconds,
        dryRun: options.dryRun ? 'All' : undefined,
      },
    },
    operationOf(location, 'delete'),
  );
  const body = response.body;
  if (body.kind === 'Status') return { state: 'deleted' };
  return { state: body.metadata?.deletionTimestamp ? 'deleting' : 'deleted', object: body };
}
