import type { RoleBinding, WorkspaceNamespace } from '#server/store/iam/iam-store.ts';
import { kubeGroupName, kubeUserName } from './caller.ts';
import { kubeClusterRole } from './roles.ts';

export const MANAGED_LABEL = 'portolan.dev/managed';
/**
 * Which registration of the cluster made a binding: two Portolans (or two registrations) managing
 * one cluster each keep their own bindings and never remove the other's.
 */
export const REGISTRATION_LABEL = 'portolan.dev/registration';

/** A binding's name: the role, and a short form of the registration that owns it. */
export const bindingName = (role: string, registration: string) =>
  `portolan:${role.replace(/^portolan:/, '')}:${registration.replace(/-/g, '').slice(0, 8)}`;
const RBAC = 'rbac.authorization.k8s.io';

/**
 * Kubernetes' view and edit roles cover namespaced kinds only. Platform and cluster Viewers and
 * Editors also read the cluster-scoped kinds a console shows (nodes, volumes, classes, CRDs), through
 * this ClusterRole, which Portolan keeps on every member cluster.
 */
export const CLUSTER_READER = 'portolan:cluster-reader';
export const clusterReaderRole = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: CLUSTER_READER, labels: { [MANAGED_LABEL]: 'true' } },
  rules: [
    {
      apiGroups: [''],
      resources: ['nodes', 'persistentvolumes', 'namespaces'],
      verbs: ['get', 'list', 'watch'],
    },
    {
      apiGroups: ['storage.k8s.io'],
      resources: ['storageclasses', 'csidrivers', 'csinodes', 'volumeattachments'],
      verbs: ['get', 'list', 'watch'],
    },
    {
      apiGroups: ['apiextensions.k8s.io'],
      resources: ['customresourcedefinitions'],
      verbs: ['get', 'list', 'watch'],
    },
    { apiGroups: ['networking.k8s.io'], resources: ['ingressclasses'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['node.k8s.io'], resources: ['runtimeclasses'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['metrics.k8s.io'], resources: ['nodes', 'pods'], verbs: ['get', 'list'] },
  ],
} as const;

export interface KubeSubject {
  kind: 'User' | 'Group';
  apiGroup: typeof RBAC;
  name: string;
}

export interface RbacBinding {
  apiVersion: 'rbac.authorization.k8s.io/v1';
  kind: 'ClusterRoleBinding' | 'RoleBinding';
  metadata: { name: string; namespace?: string; labels: Record<string, string> };
  roleRef: { apiGroup: typeof RBAC; kind: 'ClusterRole'; name: string };
  subjects: KubeSubject[];
}

function subjectOf(binding: RoleBinding): KubeSubject {
  return binding.subject.kind === 'user'
    ? { kind: 'User', apiGroup: RBAC, name: kubeUserName(binding.subject.name) }
    : { kind: 'Group', apiGroup: RBAC, name: kubeGroupName(binding.subject.name) };
}

const subjectKey = (s: KubeSubject) => `${s.kind}/${s.name}`;

/**
 * The RBAC bindings one member cluster should hold so that its own API server enforces Portolan's
 * roles for impersonated users: one ClusterRoleBinding per ClusterRole for platform and cluster
 * bindings, one RoleBinding per ClusterRole in each namespace with namespace or workspace bindings.
 * Sorted, with sorted subjects, so equal inputs give equal objects.
 */
export function desiredRbac(
  cluster: { name: string; id: string },
  bindings: readonly RoleBinding[],
  workspaceNamespaces: readonly WorkspaceNamespace[],
): RbacBinding[] {
  const groups = new Map<string, { namespace?: string; role: string; subjects: Map<string, KubeSubject> }>();
  const add = (role: string, namespace: string | undefined, subject: KubeSubject) => {
    const key = `${namespace ?? ''}/${role}`;
    let entry = groups.get(key);
    if (!entry) {
      entry = { role, subjects: new Map(), ...(namespace !== undefined && { namespace }) };
      groups.set(key, entry);
    }
    entry.subjects.set(subjectKey(subject), subject);
  };
  for (const binding of bindings) {
    const scope = binding.scope;
    const subject = subjectOf(binding);
    const role = kubeClusterRole(binding.role, scope.level);
    if (scope.level === 'platform' || (scope.level === 'cluster' && scope.cluster === cluster.name)) {
      add(role, undefined, subject);
      if (binding.role !== 'Admin') add(CLUSTER_READER, undefined, subject);
    } else if (scope.level === 'namespace' && scope.cluster === cluster.name) {
      add(role, scope.namespace, subject);
    } else if (scope.level === 'workspace') {
      for (const bound of workspaceNamespaces)
        if (bound.workspace === scope.workspace && bound.cluster === cluster.name)
          add(role, bound.namespace, subject);
    }
  }
  return [...groups.values()]
    .map(
      (entry): RbacBinding => ({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: entry.namespace === undefined ? 'ClusterRoleBinding' : 'RoleBinding',
        metadata: {
          name: bindingName(entry.role, cluster.id),
          ...(entry.namespace !== undefined && { namespace: entry.namespace }),
          labels: { [MANAGED_LABEL]: 'true', [REGISTRATION_LABEL]: cluster.id },
        },
        roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: entry.role },
        subjects: [...entry.subjects.values()].sort((a, b) => subjectKey(a).localeCompare(subjectKey(b))),
      }),
    )
    .sort((a, b) => rbacKey(a).localeCompare(rbacKey(b)));
}

export function rbacKey(object: Pick<RbacBinding, 'kind' | 'metadata'>): string {
  return `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}
