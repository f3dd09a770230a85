/**
 * The kinds the CLI knows by name, so `pod`, `po` and `pods` all mean the same and tables know
 * which columns to show. Anything else (custom resources) passes through to the server as typed.
 */
export interface KnownKind {
  resource: string;
  group: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
}

const known = (
  resource: string,
  group: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[] = [],
): KnownKind => ({ resource, group, kind, namespaced, shortNames });

export const KNOWN_KINDS: KnownKind[] = [
  known('pods', '', 'Pod', true, ['po']),
  known('services', '', 'Service', true, ['svc']),
  known('nodes', '', 'Node', false, ['no']),
  known('namespaces', '', 'Namespace', false, ['ns']),
  known('configmaps', '', 'ConfigMap', true, ['cm']),
  known('secrets', '', 'Secret', true),
  known('serviceaccounts', '', 'ServiceAccount', true, ['sa']),
  known('persistentvolumeclaims', '', 'PersistentVolumeClaim', true, ['pvc']),
  known('persistentvolumes', '', 'PersistentVolume', false, ['pv']),
  known('events', '', 'Event', true, ['ev']),
  known('endpoints', '', 'Endpoints', true, ['ep']),
  known('resourcequotas', '', 'ResourceQuota', true, ['quota']),
  known('limitranges', '', 'LimitRange', true, ['limits']),
  known('deployments', 'apps', 'Deployment', true, ['deploy']),
  known('statefulsets', 'apps', 'StatefulSet', true, ['sts']),
  known('daemonsets', 'apps', 'DaemonSet', true, ['ds']),
  known('replicasets', 'apps', 'ReplicaSet', true, ['rs']),
  known('jobs', 'batch', 'Job', true),
  known('cronjobs', 'batch', 'CronJob', true, ['cj']),
  known('horizontalpodautoscalers', 'autoscaling', 'HorizontalPodAutoscaler', true, ['hpa']),
  known('ingresses', 'networking.k8s.io', 'Ingress', true, ['ing']),
  known('ingressclasses', 'networking.k8s.io', 'IngressClass', false),
  known('networkpolicies', 'networking.k8s.io', 'NetworkPolicy', true, ['netpol']),
  known('endpointslices', 'discovery.k8s.io', 'EndpointSlice', true),
  known('storageclasses', 'storage.k8s.io', 'StorageClass', false, ['sc']),
  known('poddisruptionbudgets', 'policy', 'PodDisruptionBudget', true, ['pdb']),
  known('priorityclasses', 'scheduling.k8s.io', 'PriorityClass', false, ['pc']),
  known('roles', 'rbac.authorization.k8s.io', 'Role', true),
  known('rolebindings', 'rbac.authorization.k8s.io', 'RoleBinding', true),
  known('clusterroles', 'rbac.authorization.k8s.io', 'ClusterRole', false),
  known('clusterrolebindings', 'rbac.authorization.k8s.io', 'ClusterRoleBinding', false),
  known('customresourcedefinitions', 'apiextensions.k8s.io', 'CustomResourceDefinition', false, [
    'crd',
    'crds',
  ]),
];

const BY_NAME = new Map<string, KnownKind>();
for (const entry of KNOWN_KINDS) {
  const names = [entry.resource, entry.kind.toLowerCase(), ...entry.shortNames];
  if (entry.group) names.push(`${entry.resource}.${entry.group}`, `${entry.group}/${entry.resource}`);
  for (const name of names) BY_NAME.set(name, entry);
}

/** A kind as the user typed it, resolved when the CLI knows it. */
export interface KindRef {
  /** What the user typed; the server resolves it when the CLI does not. */
  typed: string;
  known?: KnownKind;
}

export function resolveKind(typed: string): KindRef {
  const found = BY_NAME.get(typed.toLowerCase());
  return found ? { typed, known: found } : { typed };
}

/** The `kinds` value for /api/v1/search: `apps/deployments`, `pods`, or the typed name. */
export function searchKindOf(ref: KindRef): string {
  if (!ref.known) return ref.typed;
  return ref.known.group ? `${ref.known.group}/${ref.known.resource}` : ref.known.resource;
}

/** The name the server's routes take: the plural (`deployments`), or the typed name. */
export function routeKindOf(ref: KindRef): string {
  return ref.known?.resource ?? ref.typed;
}

/** kubectl's `deployment.apps` and `pod`, as in `deployment.apps/web created`. */
export function qualifiedKind(kind: string, group: string): string {
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

/** The group of an apiVersion: `apps/v1` → `apps`, `v1` → ``. */
export function groupOf(apiVersion: string | undefined): string {
  const slash = apiVersion?.indexOf('/') ?? -1;
  return slash > 0 && apiVersion ? apiVersion.slice(0, slash) : '';
}

export const WORKLOAD_RESOURCES = ['deployments', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'];
