/** A resource type by the names users write for it: plural, Kind, singular and short names. */
export interface NamedType {
  group: string;
  resource: string;
  /** Absent when only the plural is known (a synced type with no stored row or CRD yet). */
  kind?: string;
  /** When it differs from the Kind in lower case (a CRD may say so). */
  singular?: string;
  shortNames?: string[];
}

const type = (group: string, resource: string, kind: string, ...shortNames: string[]): NamedType => ({
  group,
  resource,
  kind,
  shortNames,
});

/**
 * The built-in kinds search knows without asking a cluster: every kind synced by default and a few
 * more, with kubectl's short names. Custom resources come from the store (see known-kinds.ts).
 */
export const BUILTIN_KINDS: NamedType[] = [
  type('', 'pods', 'Pod', 'po'),
  type('', 'services', 'Service', 'svc'),
  type('', 'configmaps', 'ConfigMap', 'cm'),
  type('', 'secrets', 'Secret'),
  type('', 'serviceaccounts', 'ServiceAccount', 'sa'),
  type('', 'persistentvolumeclaims', 'PersistentVolumeClaim', 'pvc'),
  type('', 'persistentvolumes', 'PersistentVolume', 'pv'),
  type('', 'namespaces', 'Namespace', 'ns'),
  type('', 'nodes', 'Node', 'no'),
  type('', 'events', 'Event', 'ev'),
  type('', 'endpoints', 'Endpoints', 'ep'),
  type('', 'resourcequotas', 'ResourceQuota', 'quota'),
  type('', 'limitranges', 'LimitRange', 'limits'),
  type('', 'replicationcontrollers', 'ReplicationController', 'rc'),
  type('apps', 'deployments', 'Deployment', 'deploy'),
  type('apps', 'statefulsets', 'StatefulSet', 'sts'),
  type('apps', 'daemonsets', 'DaemonSet', 'ds'),
  type('apps', 'replicasets', 'ReplicaSet', 'rs'),
  type('apps', 'controllerrevisions', 'ControllerRevision'),
  type('batch', 'jobs', 'Job'),
  type('batch', 'cronjobs', 'CronJob', 'cj'),
  type('autoscaling', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'hpa'),
  type('policy', 'poddisruptionbudgets', 'PodDisruptionBudget', 'pdb'),
  type('networking.k8s.io', 'ingresses', 'Ingress', 'ing'),
  type('networking.k8s.io', 'ingressclasses', 'IngressClass'),
  type('networking.k8s.io', 'networkpolicies', 'NetworkPolicy', 'netpol'),
  type('discovery.k8s.io', 'endpointslices', 'EndpointSlice'),
  type('storage.k8s.io', 'storageclasses', 'StorageClass', 'sc'),
  type('storage.k8s.io', 'csidrivers', 'CSIDriver'),
  type('storage.k8s.io', 'volumeattachments', 'VolumeAttachment'),
  type('rbac.authorization.k8s.io', 'roles', 'Role'),
  type('rbac.authorization.k8s.io', 'rolebindings', 'RoleBinding'),
  type('rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole'),
  type('rbac.authorization.k8s.io', 'clusterrolebindings', 'ClusterRoleBinding'),
  type('apiextensions.k8s.io', 'customresourcedefinitions', 'CustomResourceDefinition', 'crd', 'crds'),
  type('scheduling.k8s.io', 'priorityclasses', 'PriorityClass', 'pc'),
];
