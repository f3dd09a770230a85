import { KIND_REGISTRY } from '@portolan/kinds';
import { isPlainObject, type KubeObject } from '#server/resources/kube-object.ts';

/** The label, annotation and field manager of the contract (packages/api/src/propagations.ts). */
export const PROPAGATION_LABEL = 'portolan.dev/propagation';
export const GENERATION_ANNOTATION = 'portolan.dev/propagation-generation';
export const FIELD_MANAGER = 'portolan-propagation';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** What names one object on one cluster (apiVersion, kind, namespace or '', name). */
export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export const identityOf = (object: KubeObject): ObjectIdentity => ({
  apiVersion: object.apiVersion ?? '',
  kind: object.kind ?? '',
  namespace: object.metadata?.namespace ?? '',
  name: object.metadata?.name ?? '',
});

/** `kind/namespace/name` (or `kind/name`), as events name objects. */
export const describeObject = (object: Pick<ObjectIdentity, 'kind' | 'namespace' | 'name'>) =>
  object.namespace ? `${object.kind}/${object.namespace}/${object.name}` : `${object.kind}/${object.name}`;

/** One key per object, apiVersion included (an object moved to another version is another record). */
export const keyOf = (object: ObjectIdentity) =>
  `${object.apiVersion}|${object.kind}|${object.namespace}|${object.name}`;

export const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';

/** Kinds whose replicas placement splits (they have spec.replicas and a pod template). */
const SCALED = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/ReplicaSet']);
export const isScaledWorkload = (object: Pick<ObjectIdentity, 'apiVersion' | 'kind'>) =>
  SCALED.has(`${groupOf(object.apiVersion)}/${object.kind}`);

/** The pod template of a workload (a CronJob's is one level deeper), or undefined. */
export function podTemplateOf(object: KubeObject): Record<string, unknown> | undefined {
  const spec = isPlainObject(object.spec) ? object.spec : undefined;
  if (!spec) return undefined;
  if (object.kind === 'CronJob') {
    const job = isPlainObject(spec.jobTemplate) ? spec.jobTemplate : undefined;
    const jobSpec = job && isPlainObject(job.spec) ? job.spec : undefined;
    return jobSpec && isPlainObject(jobSpec.template) ? jobSpec.template : undefined;
  }
  return isPlainObject(spec.template) ? spec.template : undefined;
}

/**
 * An object read from a cluster made fit to apply elsewhere: status and the fields the API server
 * sets are gone (uid, resourceVersion, managedFields, creationTimestamp, generation, controllers'
 * ownerReferences, kubectl's last-applied annotation), and so are the fields a cluster assigns for
 * itself (a Service's cluster IPs, a PVC's bound volume). Never mutates its input.
 */
export function cleanObject(source: KubeObject): KubeObject {
  const object = structuredClone(source);
  delete object.status;
  const metadata = { ...object.metadata };
  for (const field of [
    'uid',
    'resourceVersion',
    'managedFields',
    'creationTimestamp',
    'generation',
    'selfLink',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
  ])
    delete metadata[field];
  const owners = (metadata.ownerReferences ?? []).filter((owner) => !owner.controller);
  if (owners.length) metadata.ownerReferences = owners;
  else delete metadata.ownerReferences;
  if (metadata.annotations) {
    const { [LAST_APPLIED]: _dropped, ...annotations } = metadata.annotations;
    if (Object.keys(annotations).length) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  object.metadata = metadata;
  const spec = isPlainObject(object.spec) ? object.spec : undefined;
  if (spec && object.kind === 'Service' && groupOf(object.apiVersion ?? '') === '') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  if (spec && object.kind === 'PersistentVolumeClaim') delete spec.volumeName;
  return object;
}

/** The contract's label on the object and on its pod template, and the generation annotation. */
export function markObject(object: KubeObject, propagation: string, generation: number): KubeObject {
  const marked = structuredClone(object);
  const metadata = { ...marked.metadata };
  metadata.labels = { ...metadata.labels, [PROPAGATION_LABEL]: propagation };
  metadata.annotations = { ...metadata.annotations, [GENERATION_ANNOTATION]: String(generation) };
  marked.metadata = metadata;
  const template = podTemplateOf(marked);
  if (template) {
    const templateMeta = isPlainObject(template.metadata) ? template.metadata : {};
    const labels = isPlainObject(templateMeta.labels) ? templateMeta.labels : {};
    template.metadata = { ...templateMeta, labels: { ...labels, [PROPAGATION_LABEL]: propagation } };
  }
  return marked;
}

/** Namespaces first, then CRDs, then other cluster-scoped kinds, then the rest; else as given. */
function rankOf(object: KubeObject): number {
  if (object.kind === 'Namespace' && groupOf(object.apiVersion ?? '') === '') return 0;
  if (object.kind === 'CustomResourceDefinition') return 1;
  if (!object.metadata?.namespace) return 2;
  // Things pods need before the workloads that mount them.
  if (['ServiceAccount', 'ConfigMap', 'Secret', 'PersistentVolumeClaim'].includes(object.kind ?? ''))
    return 3;
  return 4;
}

export function applyOrder<T extends { object: KubeObject }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index, rank: rankOf(item.object) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.item);
}

/** The store's type of a built-in kind (group, version, plural), for reading synced rows. */
export function storedTypeOf(
  object: Pick<ObjectIdentity, 'apiVersion' | 'kind'>,
): { group: string; version: string; resource: string } | undefined {
  const group = groupOf(object.apiVersion);
  const known = KIND_REGISTRY.find(object.kind);
  if (!known || known.kind !== object.kind || known.group !== group) return undefined;
  const version = object.apiVersion.includes('/')
    ? (object.apiVersion.split('/')[1] ?? '')
    : object.apiVersion;
  return { group, version, resource: known.plural };
}
