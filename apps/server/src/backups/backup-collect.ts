import type { BackupFailureCode } from '@portolan/api';
import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import { resourcePath } from '#server/kube/discovery-types.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { ObjectPlace } from './archive-format.ts';
import { cleanObject, type KubeObject, skipReason } from './object-clean.ts';

export interface Selection {
  /** [] = every namespace. */
  namespaces: string[];
  labelSelector?: string | null;
  includeKinds: string[];
  excludeKinds: string[];
  clusterScoped: boolean;
}

export interface Collected {
  resource: DiscoveredResource;
  place: ObjectPlace;
  object: KubeObject;
}

export interface CollectFailure {
  kind: string;
  namespace?: string;
  name?: string;
  reason: string;
  code?: BackupFailureCode;
  params?: Record<string, string | number>;
}

/** Resources never listed: the cluster makes them, or they are views rather than stored objects. */
const NOT_LISTED = new Set([
  'events',
  'endpoints',
  'endpointslices',
  'leases',
  'controllerrevisions',
  'nodes',
]);

/** Whether a kind filter entry ('Deployment', 'deployments', 'deployments.apps') names the resource. */
export function kindMatches(
  filter: string,
  resource: Pick<DiscoveredResource, 'group' | 'resource' | 'kind'>,
) {
  const wanted = filter.toLowerCase();
  if (wanted === resource.kind.toLowerCase() || wanted === resource.resource) return true;
  return resource.group !== '' && wanted === `${resource.resource}.${resource.group}`;
}

/** The resources a backup lists: the preferred version of each, listable, within the kind filters. */
export function backupResources(resources: DiscoveredResource[], selection: Selection): DiscoveredResource[] {
  return resources.filter(
    (resource) =>
      resource.preferred &&
      resource.verbs.includes('list') &&
      !resource.resource.includes('/') &&
      !NOT_LISTED.has(resource.resource) &&
      !resource.group.endsWith('metrics.k8s.io') &&
      (resource.namespaced || selection.clusterScoped) &&
      (selection.includeKinds.length === 0 ||
        selection.includeKinds.some((filter) => kindMatches(filter, resource))) &&
      !selection.excludeKinds.some((filter) => kindMatches(filter, resource)),
  );
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Every object of the selection, cleaned, page by page from the member cluster; then the Namespace
 * objects of the namespaces it found and the CRDs its custom objects need. What could not be listed
 * is reported through `onFailure`, and the rest goes on.
 */
export async function* collectObjects(
  client: KubeClient,
  selection: Selection,
  options: {
    signal?: AbortSignal;
    pageSize?: number;
    onFailure(failure: CollectFailure): void;
    onSkip?(): void;
  },
): AsyncGenerator<Collected> {
  const discovery = await client.discover({ signal: options.signal });
  const all = discovery.resources;
  const listed = backupResources(all, selection);
  const scopes = selection.namespaces.length > 0 ? selection.namespaces : [undefined];
  const seenNamespaces = new Set<string>(selection.namespaces);
  const customGroups = new Set<string>();
  for (const resource of listed) {
    const namespaces = resource.namespaced ? scopes : [undefined];
    for (const namespace of namespaces) {
      try {
        for await (const page of client.listPages<KubeObject>(resourcePath(resource, namespace), {
          limit: options.pageSize ?? 500,
          ...(selection.labelSelector ? { labelSelector: selection.labelSelector } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        })) {
          for (const item of page.items) {
            const object: KubeObject = {
              ...item,
              apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version,
              kind: resource.kind,
            };
            if (skipReason(object)) {
              options.onSkip?.();
              continue;
            }
            const metadata = object.metadata ?? {};
            const ns = resource.namespaced ? String(metadata.namespace ?? namespace ?? '') : undefined;
            if (ns) seenNamespaces.add(ns);
            if (resource.kind === 'Namespace') seenNamespaces.delete(String(metadata.name));
            if (!isBuiltInGroup(resource.group)) customGroups.add(`${resource.resource}.${resource.group}`);
            yield {
              resource,
              place: {
                group: resource.group,
                version: resource.version,
                resource: resource.resource,
                ...(ns !== undefined ? { namespace: ns } : {}),
                name: String(metadata.name ?? ''),
              },
              object: cleanObject(object),
            };
          }
        }
      } catch (error) {
        if (options.signal?.aborted) throw error;
        options.onFailure({
          kind: resource.kind,
          ...(namespace ? { namespace } : {}),
          reason: `listing ${resource.resource}${namespace ? ` in ${namespace}` : ''} failed: ${messageOf(error)}`,
          code: 'list-failed',
          params: { resource: resource.resource, namespace: namespace ?? '', error: messageOf(error) },
        });
      }
    }
  }
  // The namespaces the objects live in, and the definitions of their custom kinds, always go in.
  const namespaceResource = all.find((r) => r.group === '' && r.resource === 'namespaces');
  for (const name of seenNamespaces) {
    if (!namespaceResource) break;
    yield* single(client, namespaceResource, name, options);
  }
  const crdResource = all.find(
    (r) => r.group === 'apiextensions.k8s.io' && r.resource === 'customresourcedefinitions' && r.preferred,
  );
  for (const name of customGroups) {
    if (!crdResource || selection.clusterScoped) break;
    yield* single(client, crdResource, name, options);
  }
}

async function* single(
  client: KubeClient,
  resource: DiscoveredResource,
  name: string,
  options: { signal?: AbortSignal; onFailure(failure: CollectFailure): void },
): AsyncGenerator<Collected> {
  try {
    const object = await client.get<KubeObject>(
      `${resourcePath(resource)}/${encodeURIComponent(name)}`,
      undefined,
      options.signal,
    );
    if (skipReason(object)) return;
    yield {
      resource,
      place: { group: resource.group, version: resource.version, resource: resource.resource, name },
      object: cleanObject(object),
    };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    options.onFailure({
      kind: resource.kind,
      name,
      reason: `reading it failed: ${messageOf(error)}`,
      code: 'read-failed',
      params: { error: messageOf(error) },
    });
  }
}

/** Groups Kubernetes itself serves (no CRD behind them). */
export function isBuiltInGroup(group: string): boolean {
  return (
    group === '' || group.endsWith('.k8s.io') || !group.includes('.') || group === 'apiextensions.k8s.io'
  );
}
