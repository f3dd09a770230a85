/** The kinds the form offers to propagate from a source cluster; anything else goes through YAML. */
export interface KindChoice {
  apiVersion: string;
  kind: string;
  /** As search takes it (`deployments.apps`), to offer the source cluster's objects by name. */
  plural: string;
  namespaced: boolean;
  workload?: boolean;
}

export const KINDS: readonly KindChoice[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments.apps', namespaced: true, workload: true },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    plural: 'statefulsets.apps',
    namespaced: true,
    workload: true,
  },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', plural: 'daemonsets.apps', namespaced: true, workload: true },
  { apiVersion: 'batch/v1', kind: 'Job', plural: 'jobs.batch', namespaced: true, workload: true },
  { apiVersion: 'batch/v1', kind: 'CronJob', plural: 'cronjobs.batch', namespaced: true, workload: true },
  { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
  { apiVersion: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  { apiVersion: 'v1', kind: 'Service', plural: 'services', namespaced: true },
  { apiVersion: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', namespaced: true },
  { apiVersion: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    plural: 'ingresses.networking.k8s.io',
    namespaced: true,
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    plural: 'roles.rbac.authorization.k8s.io',
    namespaced: true,
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    plural: 'rolebindings.rbac.authorization.k8s.io',
    namespaced: true,
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    plural: 'clusterroles.rbac.authorization.k8s.io',
    namespaced: false,
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings.rbac.authorization.k8s.io',
    namespaced: false,
  },
];

/** A kind as one select value: `apps/v1|Deployment`. */
export const kindKey = (apiVersion: string, kind: string) => `${apiVersion}|${kind}`;

export function kindOfKey(key: string): { apiVersion: string; kind: string } {
  const at = key.lastIndexOf('|');
  return { apiVersion: key.slice(0, at), kind: key.slice(at + 1) };
}

export const choiceOf = (key: string): KindChoice | undefined =>
  KINDS.find((choice) => kindKey(choice.apiVersion, choice.kind) === key);
