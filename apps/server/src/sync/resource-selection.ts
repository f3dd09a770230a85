import type { DiscoveredResource } from '#server/kube/discovery-types.ts';

/**
 * The built-in kinds synced by default: workloads, network, configuration, storage, RBAC,
 * autoscaling, policy, namespaces, nodes and events. Every custom resource is synced as well.
 * Keys are `group/resource`, '' being the core group.
 */
export const DEFAULT_BUILTIN_RESOURCES = new Set([
  '/pods',
  '/services',
  '/configmaps',
  '/secrets',
  '/serviceaccounts',
  '/persistentvolumeclaims',
  '/persistentvolumes',
  '/namespaces',
  '/nodes',
  '/events',
  '/resourcequotas',
  '/limitranges',
  'apps/deployments',
  'apps/statefulsets',
  'apps/daemonsets',
  'apps/replicasets',
  'apps/controllerrevisions',
  'batch/jobs',
  'batch/cronjobs',
  'autoscaling/horizontalpodautoscalers',
  'policy/poddisruptionbudgets',
  'networking.k8s.io/ingresses',
  'networking.k8s.io/ingressclasses',
  'networking.k8s.io/networkpolicies',
  'discovery.k8s.io/endpointslices',
  'storage.k8s.io/storageclasses',
  'storage.k8s.io/csidrivers',
  'storage.k8s.io/volumeattachments',
  'rbac.authorization.k8s.io/roles',
  'rbac.authorization.k8s.io/rolebindings',
  'rbac.authorization.k8s.io/clusterroles',
  'rbac.authorization.k8s.io/clusterrolebindings',
  'apiextensions.k8s.io/customresourcedefinitions',
  'scheduling.k8s.io/priorityclasses',
]);

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
 * one), only those that can be listed and watched, never subresources.
 */
export function selectResources(
  served: DiscoveredResource[],
  selection: ResourceSelection,
): DiscoveredResource[] {
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
      : DEFAULT_BUILTIN_RESOURCES.has(key) || (custom && selection.customResources !== false);
    if (!wanted) continue;
    const existing = chosen.get(key);
    if (!existing || (resource.preferred && !existing.preferred)) chosen.set(key, resource);
  }
  return [...chosen.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

export const resourceKey = keyOf;
