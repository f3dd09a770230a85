/** Named sets of kinds that one query can ask for together. */
export const COLLECTIONS: Record<string, { group: string; resource: string }[]> = {
  workloads: [
    { group: 'apps', resource: 'deployments' },
    { group: 'apps', resource: 'statefulsets' },
    { group: 'apps', resource: 'daemonsets' },
    { group: 'batch', resource: 'jobs' },
    { group: 'batch', resource: 'cronjobs' },
  ],
  network: [
    { group: '', resource: 'services' },
    { group: 'networking.k8s.io', resource: 'ingresses' },
    { group: 'networking.k8s.io', resource: 'networkpolicies' },
  ],
  config: [
    { group: '', resource: 'configmaps' },
    { group: '', resource: 'secrets' },
  ],
  storage: [
    { group: '', resource: 'persistentvolumeclaims' },
    { group: '', resource: 'persistentvolumes' },
    { group: 'storage.k8s.io', resource: 'storageclasses' },
  ],
  rbac: [
    { group: 'rbac.authorization.k8s.io', resource: 'roles' },
    { group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
    { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
    { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' },
  ],
};

/**
 * Parses `pods`, `apps/deployments`, `deployments.apps` or a collection name into types.
 * Unknown collections are refused by the caller's validation, not here.
 */
export function parseKinds(values: string[]): { group: string; resource: string }[] {
  const types: { group: string; resource: string }[] = [];
  for (const raw of values) {
    const value = raw.trim().toLowerCase();
    if (!value) continue;
    const collection = COLLECTIONS[value];
    if (collection) {
      types.push(...collection);
    } else if (value.includes('/')) {
      const [group = '', resource = ''] = value.split('/');
      types.push({ group: group === 'core' ? '' : group, resource });
    } else if (value.includes('.')) {
      const dot = value.indexOf('.');
      types.push({ group: value.slice(dot + 1), resource: value.slice(0, dot) });
    } else {
      types.push({ group: ALIASES[value]?.group ?? '', resource: ALIASES[value]?.resource ?? value });
    }
  }
  return types;
}

/** Plural names of the common kinds outside the core group, so `deployments` needs no group. */
const ALIASES: Record<string, { group: string; resource: string }> = Object.fromEntries(
  Object.values(COLLECTIONS)
    .flat()
    .filter((type) => type.group !== '')
    .map((type) => [type.resource, type]),
);
for (const [short, type] of Object.entries({
  deploy: { group: 'apps', resource: 'deployments' },
  sts: { group: 'apps', resource: 'statefulsets' },
  ds: { group: 'apps', resource: 'daemonsets' },
  rs: { group: 'apps', resource: 'replicasets' },
  replicasets: { group: 'apps', resource: 'replicasets' },
  hpa: { group: 'autoscaling', resource: 'horizontalpodautoscalers' },
  horizontalpodautoscalers: { group: 'autoscaling', resource: 'horizontalpodautoscalers' },
  ing: { group: 'networking.k8s.io', resource: 'ingresses' },
  endpointslices: { group: 'discovery.k8s.io', resource: 'endpointslices' },
  crds: { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' },
  customresourcedefinitions: { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' },
  po: { group: '', resource: 'pods' },
  svc: { group: '', resource: 'services' },
  no: { group: '', resource: 'nodes' },
  ns: { group: '', resource: 'namespaces' },
  cm: { group: '', resource: 'configmaps' },
  pvc: { group: '', resource: 'persistentvolumeclaims' },
  pv: { group: '', resource: 'persistentvolumes' },
})) {
  ALIASES[short] = type;
}
