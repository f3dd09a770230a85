import { KIND_REGISTRY, type KindRegistry } from '@portolan/kinds';
import type { DiscoveredResource } from '#server/kube/discovery-types.ts';

/**
 * The built-in kinds synced by default, as the kind registry marks them: workloads, network,
 * configuration, storage, RBAC, autoscaling, policy, namespaces, nodes and events. Every custom
 * resource is synced as well. Keys are `group/resource`, '' being the core group.
 */
export const defaultBuiltinResources = (kinds: KindRegistry = KIND_REGISTRY): Set<string> =>
  new Set(kinds.all.filter((kind) => kind.synced).map((kind) => `${kind.group}/${kind.plural}`));

/** Groups that ship with Kubernetes: their other resources are not custom and are left out. */
const BUILTIN_GROUP = /(^$|\.k8s\.io$|^apps$|^batch$|^autoscaling$|^policy$|^events\.k8s\.io$)/;

export interface ResourceSelection {
  /** `default`, or an explicit list of `group/resource` keys (core group: `/pods` or `pods`). */
  include: 'default' | string[];
  /** Keys never synced, whatever else says. */
  exclude?: string[];
  customResources?: boolean;
}

const keyOf = (resource: Pick<DiscoveredResource, 'group' | 'resource'>) =>
  `${resource.group}/${resource.resource}`;
const normalise = (key: string) => (key.includes('/') ? key : `/${key}`);

/**
 * The resources to sync out of everything a cluster serves: one version each (the preferred
 * one), only those that can be listed and watched, never subresources. Which built-in kinds are synced
 * by default is the registry's (`kinds`) to say.
 */
export function selectResources(
  served: DiscoveredResource[],
  selection: ResourceSelection,
  kinds: KindRegistry = KIND_REGISTRY,
): DiscoveredResource[] {
  const byDefault = defaultBuiltinResources(kinds);
  const include = selection.include === 'default' ? undefined : new Set(selection.include.map(normalise));
  const exclude = new Set((selection.exclude ?? []).map(normalise));
  const chosen = new Map<string, DiscoveredResource>();
  for (const resource of served) {
    if (resource.resource.includes('/')) continue;
    if (!resource.verbs.includes('list') || !resource.verbs.includes('watch')) continue;
    const key = keyOf(resource);
    if (exclude.has(key)) continue;
    const custom = !BUILTIN_GROUP.test(resource.group);
    const wanted = include
      ? include.has(key)
      : byDefault.has(key) || (custom && selection.customResources !== false);
    if (!wanted) continue;
    const existing = chosen.get(key);
    if (!existing || (resource.preferred && !existing.preferred)) chosen.set(key, resource);
  }
  return [...chosen.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

export const resourceKey = keyOf;
