/**
 * What a backup keeps of an object: its spec and data, none of what the API server sets or a
 * controller recreates. A restore must not carry a Service's cluster IPs (another cluster's range),
 * a PVC's bound volume, uids or versions; objects a controller owns come back through their owner.
 */
export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
};

const SERVER_SET_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
] as const;

/** Annotations the API server or kubectl keep for themselves. */
const SERVER_SET_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.kubernetes.io/selected-node',
];

/** Kinds never backed up: made by the cluster itself, or of no use in another one. */
const NEVER = new Set([
  'Event',
  'events.k8s.io/Event',
  'Endpoints',
  'discovery.k8s.io/EndpointSlice',
  'coordination.k8s.io/Lease',
  'apps/ControllerRevision',
  'authorization.k8s.io/SelfSubjectReview',
  'metrics.k8s.io/PodMetrics',
  'metrics.k8s.io/NodeMetrics',
  'Node',
  'ComponentStatus',
  'certificates.k8s.io/CertificateSigningRequest',
]);

/** `Kind` for the core group, `group/Kind` otherwise: one name per kind however it is spelt. */
export function kindKey(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? kind : `${apiVersion.slice(0, slash)}/${kind}`;
}

/** Why an object is left out of a backup, or undefined when it goes in. */
export function skipReason(object: KubeObject): string | undefined {
  const apiVersion = object.apiVersion ?? '';
  const kind = object.kind ?? '';
  const metadata = object.metadata ?? {};
  if (NEVER.has(kindKey(apiVersion, kind))) return `${kind} objects are made by the cluster itself`;
  const owners =
    (metadata.ownerReferences as Array<{ controller?: boolean; kind?: string }> | undefined) ?? [];
  const controller = owners.find((owner) => owner.controller);
  if (controller) return `its controller (${controller.kind}) recreates it`;
  if (kind === 'Secret' && (object as { type?: string }).type === 'kubernetes.io/service-account-token')
    return 'a ServiceAccount token is issued anew by the target cluster';
  if (kind === 'ConfigMap' && metadata.name === 'kube-root-ca.crt')
    return "every namespace gets the cluster's own CA bundle";
  if (kind === 'Namespace' && typeof metadata.name === 'string' && metadata.name.startsWith('kube-'))
    return 'system namespaces belong to the cluster';
  return undefined;
}

function without<T extends Record<string, unknown>>(value: T, keys: readonly string[]): T {
  const copy: Record<string, unknown> = { ...value };
  for (const key of keys) delete copy[key];
  return copy as T;
}

/** A copy of the object with status and every server-set field removed. */
export function cleanObject(object: KubeObject): KubeObject {
  const { status: _status, ...rest } = object;
  const metadata = without(object.metadata ?? {}, SERVER_SET_METADATA);
  const annotations = metadata.annotations as Record<string, string> | undefined;
  if (annotations) {
    const kept = without(annotations, SERVER_SET_ANNOTATIONS);
    if (Object.keys(kept).length > 0) metadata.annotations = kept;
    else delete metadata.annotations;
  }
  const owners = metadata.ownerReferences as Array<Record<string, unknown>> | undefined;
  if (owners) metadata.ownerReferences = owners.map((owner) => without(owner, ['uid']));
  const cleaned: KubeObject = { ...rest, metadata };
  const spec = cleaned.spec as Record<string, unknown> | undefined;
  const kind = object.kind;
  if (spec && kind === 'Service') {
    const copy = without(spec, ['clusterIP', 'clusterIPs']);
    // A NodePort's number belongs to the cluster's range; the target picks its own.
    if (Array.isArray(copy.ports))
      copy.ports = (copy.ports as Array<Record<string, unknown>>).map((port) => without(port, ['nodePort']));
    if (spec.clusterIP === 'None') copy.clusterIP = 'None';
    cleaned.spec = copy;
  }
  if (spec && kind === 'PersistentVolumeClaim') cleaned.spec = without(spec, ['volumeName']);
  if (spec && kind === 'PersistentVolume') cleaned.spec = without(spec, ['claimRef']);
  if (spec && kind === 'Job' && String(object.apiVersion).startsWith('batch/') && !spec.manualSelector)
    cleaned.spec = jobWithoutGeneratedSelector(spec);
  if (kind === 'ServiceAccount') delete cleaned.secrets;
  if (kind === 'Namespace' && spec) cleaned.spec = without(spec, ['finalizers']);
  return cleaned;
}

/** The API server gives a Job a selector on its own uid; the target must generate its own. */
const JOB_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
function jobWithoutGeneratedSelector(spec: Record<string, unknown>): Record<string, unknown> {
  const copy = without(spec, ['selector']);
  const template = copy.template as { metadata?: { labels?: Record<string, string> } } | undefined;
  if (template?.metadata?.labels)
    copy.template = {
      ...template,
      metadata: { ...template.metadata, labels: without(template.metadata.labels, JOB_UID_LABELS) },
    };
  return copy;
}
