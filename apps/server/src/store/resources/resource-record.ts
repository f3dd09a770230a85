import { type HealthSubject, healthOf, KIND_REGISTRY } from '@portolan/kinds';
import type { GroupVersionResource, ResourceRecord } from '../store.ts';

type Obj = Record<string, unknown>;

const asObject = (value: unknown): Obj =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const asNumber = (value: unknown): number => (typeof value === 'number' ? value : 0);

/**
 * What the store keeps of a Kubernetes object, with managedFields dropped. `phase` is the one status
 * word per kind that lists filter on and summaries count: a pod's phase, a node's Ready condition,
 * a workload's health in words (Available, Progressing, Degraded, Paused, Suspended, Complete), so
 * a health filter finds exactly what the workloads table shows.
 */
export function recordFromObject(type: GroupVersionResource, object: unknown): ResourceRecord {
  const source = asObject(object);
  const metadata = asObject(source.metadata);
  const name = asString(metadata.name);
  if (!name)
    throw new TypeError(`${type.resource} object has no metadata.name; only stored objects can be kept`);
  const { managedFields: _dropped, ...keptMetadata } = metadata;
  const owners = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences.map(asObject) : [];
  const owner = owners.find((o) => o.controller === true) ?? owners[0];
  const created = asString(metadata.creationTimestamp);
  return {
    ...type,
    kind: asString(source.kind) ?? '',
    namespace: asString(metadata.namespace) ?? '',
    name,
    uid: asString(metadata.uid) ?? '',
    resourceVersion: asString(metadata.resourceVersion) ?? '',
    labels: Object.fromEntries(
      Object.entries(asObject(metadata.labels)).filter((entry): entry is [string, string] => {
        return typeof entry[1] === 'string';
      }),
    ),
    ownerUid: asString(owner?.uid),
    nodeName: type.resource === 'pods' ? asString(asObject(source.spec).nodeName) : null,
    phase: phaseOf(type, source),
    createdAt: created ? new Date(created) : null,
    object: { ...source, metadata: keptMetadata },
  };
}

function condition(status: Obj, type: string): string | null {
  const conditions = Array.isArray(status.conditions) ? status.conditions.map(asObject) : [];
  return asString(conditions.find((c) => c.type === type)?.status);
}

function phaseOf({ group, resource }: GroupVersionResource, object: Obj): string | null {
  const spec = asObject(object.spec);
  const status = asObject(object.status);
  if (group === '' && resource === 'nodes') {
    const ready = condition(status, 'Ready');
    return ready === 'True' ? 'Ready' : ready === 'False' ? 'NotReady' : 'Unknown';
  }
  // An event's type (Normal, Warning): the events list filters on it through the server.
  if ((group === '' || group === 'events.k8s.io') && resource === 'events')
    return asString(object.type) ?? 'Normal';
  // Judged from the object alone, as the console's table judges a search row; a workload's page
  // also looks at its pods (a pod in CrashLoopBackOff), which a stored row cannot.
  const rule = KIND_REGISTRY.get(group, resource)?.health;
  if (rule) return healthOf(rule, object as HealthSubject).state;
  if (group === 'apps' && resource === 'replicasets') {
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    return asNumber(status.readyReplicas) >= desired ? 'Ready' : 'NotReady';
  }
  return asString(status.phase);
}
