import { age } from './columns/common-columns.ts';
import {
  CLAIM_COLUMNS,
  CONFIG_MAP_COLUMNS,
  NAMESPACE_COLUMNS,
  NODE_COLUMNS,
  SECRET_COLUMNS,
  SERVICE_COLUMNS,
} from './columns/core-columns.ts';
import { POD_COLUMNS } from './columns/pod-columns.ts';
import {
  CRON_JOB_COLUMNS,
  DAEMON_SET_COLUMNS,
  DEPLOYMENT_COLUMNS,
  JOB_COLUMNS,
  REPLICA_SET_COLUMNS,
  STATEFUL_SET_COLUMNS,
} from './columns/workload-columns.ts';
import { describeKind, type KindDescription, type KindDescriptor } from './kind-descriptor.ts';
import { createKindRegistry } from './kind-registry.ts';

const kind = (description: KindDescription): KindDescriptor => describeKind(description, [age]);
const core = { group: '', version: 'v1' };
const apps = { group: 'apps', version: 'v1' };
const batch = { group: 'batch', version: 'v1' };
const networking = { group: 'networking.k8s.io', version: 'v1' };
const storage = { group: 'storage.k8s.io', version: 'v1' };
const rbac = { group: 'rbac.authorization.k8s.io', version: 'v1' };

/**
 * The built-in kinds Portolan knows without asking a cluster, with kubectl's short names. Custom
 * resources are learnt from their CRDs. Adding a built-in kind is adding its descriptor here.
 */
export const BUILTIN_KIND_DESCRIPTORS: readonly KindDescriptor[] = [
  kind({ ...core, plural: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'], columns: POD_COLUMNS }),
  kind({
    ...core,
    plural: 'services',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    collections: ['network'],
    columns: SERVICE_COLUMNS,
  }),
  kind({
    ...core,
    plural: 'configmaps',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
    collections: ['config'],
    columns: CONFIG_MAP_COLUMNS,
  }),
  kind({
    ...core,
    plural: 'secrets',
    kind: 'Secret',
    namespaced: true,
    collections: ['config'],
    columns: SECRET_COLUMNS,
  }),
  kind({ ...core, plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'] }),
  kind({
    ...core,
    plural: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    namespaced: true,
    shortNames: ['pvc'],
    collections: ['storage'],
    columns: CLAIM_COLUMNS,
  }),
  kind({
    ...core,
    plural: 'persistentvolumes',
    kind: 'PersistentVolume',
    namespaced: false,
    shortNames: ['pv'],
    collections: ['storage'],
  }),
  kind({
    ...core,
    plural: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    columns: NAMESPACE_COLUMNS,
  }),
  kind({
    ...core,
    plural: 'nodes',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
    columns: NODE_COLUMNS,
  }),
  kind({ ...core, plural: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] }),
  // Not synced: EndpointSlices replace Endpoints, and ReplicaSets replace ReplicationControllers.
  kind({
    ...core,
    plural: 'endpoints',
    kind: 'Endpoints',
    namespaced: true,
    shortNames: ['ep'],
    synced: false,
  }),
  kind({ ...core, plural: 'resourcequotas', kind: 'ResourceQuota', namespaced: true, shortNames: ['quota'] }),
  kind({ ...core, plural: 'limitranges', kind: 'LimitRange', namespaced: true, shortNames: ['limits'] }),
  kind({
    ...core,
    plural: 'replicationcontrollers',
    kind: 'ReplicationController',
    namespaced: true,
    shortNames: ['rc'],
    scalable: true,
    synced: false,
  }),
  kind({
    ...apps,
    plural: 'deployments',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    scalable: true,
    restartable: true,
    collections: ['workloads'],
    columns: DEPLOYMENT_COLUMNS,
    health: 'deployment',
  }),
  kind({
    ...apps,
    plural: 'statefulsets',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
    scalable: true,
    restartable: true,
    collections: ['workloads'],
    columns: STATEFUL_SET_COLUMNS,
    health: 'stateful-set',
  }),
  kind({
    ...apps,
    plural: 'daemonsets',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
    restartable: true,
    collections: ['workloads'],
    columns: DAEMON_SET_COLUMNS,
    health: 'daemon-set',
  }),
  kind({
    ...apps,
    plural: 'replicasets',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
    scalable: true,
    columns: REPLICA_SET_COLUMNS,
  }),
  kind({ ...apps, plural: 'controllerrevisions', kind: 'ControllerRevision', namespaced: true }),
  kind({
    ...batch,
    plural: 'jobs',
    kind: 'Job',
    namespaced: true,
    collections: ['workloads'],
    columns: JOB_COLUMNS,
    health: 'job',
  }),
  kind({
    ...batch,
    plural: 'cronjobs',
    kind: 'CronJob',
    namespaced: true,
    shortNames: ['cj'],
    collections: ['workloads'],
    columns: CRON_JOB_COLUMNS,
    health: 'cron-job',
  }),
  kind({
    group: 'autoscaling',
    version: 'v2',
    plural: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
  }),
  kind({
    group: 'policy',
    version: 'v1',
    plural: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    namespaced: true,
    shortNames: ['pdb'],
  }),
  kind({
    ...networking,
    plural: 'ingresses',
    kind: 'Ingress',
    namespaced: true,
    shortNames: ['ing'],
    collections: ['network'],
  }),
  kind({ ...networking, plural: 'ingressclasses', kind: 'IngressClass', namespaced: false }),
  kind({
    ...networking,
    plural: 'networkpolicies',
    kind: 'NetworkPolicy',
    namespaced: true,
    shortNames: ['netpol'],
    collections: ['network'],
  }),
  kind({
    group: 'discovery.k8s.io',
    version: 'v1',
    plural: 'endpointslices',
    kind: 'EndpointSlice',
    namespaced: true,
  }),
  kind({
    ...storage,
    plural: 'storageclasses',
    kind: 'StorageClass',
    namespaced: false,
    shortNames: ['sc'],
    collections: ['storage'],
  }),
  kind({ ...storage, plural: 'csidrivers', kind: 'CSIDriver', namespaced: false }),
  kind({ ...storage, plural: 'volumeattachments', kind: 'VolumeAttachment', namespaced: false }),
  kind({ ...rbac, plural: 'roles', kind: 'Role', namespaced: true, collections: ['rbac'] }),
  kind({ ...rbac, plural: 'rolebindings', kind: 'RoleBinding', namespaced: true, collections: ['rbac'] }),
  kind({ ...rbac, plural: 'clusterroles', kind: 'ClusterRole', namespaced: false, collections: ['rbac'] }),
  kind({
    ...rbac,
    plural: 'clusterrolebindings',
    kind: 'ClusterRoleBinding',
    namespaced: false,
    collections: ['rbac'],
  }),
  kind({
    group: 'apiextensions.k8s.io',
    version: 'v1',
    plural: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
    shortNames: ['crd', 'crds'],
  }),
  kind({
    group: 'scheduling.k8s.io',
    version: 'v1',
    plural: 'priorityclasses',
    kind: 'PriorityClass',
    namespaced: false,
    shortNames: ['pc'],
  }),
];

export const KIND_REGISTRY = createKindRegistry(BUILTIN_KIND_DESCRIPTORS);

/** A registry of the built-in kinds and more (a new built-in kind tried out, or a test's). */
export const withKinds = (...more: KindDescriptor[]) =>
  createKindRegistry([...BUILTIN_KIND_DESCRIPTORS, ...more]);
