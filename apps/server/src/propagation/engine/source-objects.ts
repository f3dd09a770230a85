import type { ResourceSelector } from '@portolan/api';
import { isPlainObject, type KubeObject } from '#server/resources/kube-object.ts';
import { pathOf } from '#server/resources/object-location.ts';
import type { RenderedObject } from '../contract.ts';
import { podSpecOf } from '../placement/index.ts';
import { type Member, readObject } from './member-writes.ts';
import { cleanObject, identityOf, keyOf } from './object-shape.ts';

/** The source cluster is read as members are written: Portolan's own client and the cluster's kinds. */
export type SourceCluster = Member;

/** What a selector names could not be read; the message says which and why. */
export class SourceError extends Error {
  override name = 'SourceError';
}

async function readSelected(source: SourceCluster, selector: ResourceSelector): Promise<KubeObject[]> {
  const namespace = selector.namespace ?? '';
  if (selector.name !== undefined) {
    const identity = { apiVersion: selector.apiVersion, kind: selector.kind, namespace, name: selector.name };
    const object = await readObject(source, identity);
    if (!object)
      throw new SourceError(
        `${selector.kind} "${selector.name}"${namespace ? ` in namespace ${namespace}` : ''} is not on source cluster ${source.name}; create it there or change spec.resources`,
      );
    return [object];
  }
  const resource = await source.kinds.resolveObject(selector.apiVersion, selector.kind);
  const location = { resource, namespace: resource.namespaced ? namespace : undefined, name: undefined };
  const list = await source.client.list<KubeObject>(pathOf(location), {
    ...(selector.labelSelector ? { labelSelector: selector.labelSelector } : {}),
  });
  // A list's items carry no apiVersion and kind.
  return list.items.map((item) => ({ ...item, apiVersion: selector.apiVersion, kind: selector.kind }));
}

const nameAt = (value: unknown, field: string): string[] => {
  if (!isPlainObject(value)) return [];
  const name = value[field];
  return typeof name === 'string' && name ? [name] : [];
};

/** The ConfigMaps, Secrets, ServiceAccount and PVCs a workload's pods mount or name. */
export function dependenciesOf(object: KubeObject): { kind: string; name: string }[] {
  const spec = podSpecOf(object);
  if (!spec) return [];
  const found: { kind: string; name: string }[] = [];
  const add = (kind: string, names: string[]) => {
    for (const name of names) found.push({ kind, name });
  };
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  for (const volume of list(spec.volumes)) {
    if (!isPlainObject(volume)) continue;
    add('ConfigMap', nameAt(volume.configMap, 'name'));
    add('Secret', nameAt(volume.secret, 'secretName'));
    add('PersistentVolumeClaim', nameAt(volume.persistentVolumeClaim, 'claimName'));
    const projected = isPlainObject(volume.projected) ? list(volume.projected.sources) : [];
    for (const item of projected) {
      if (!isPlainObject(item)) continue;
      add('ConfigMap', nameAt(item.configMap, 'name'));
      add('Secret', nameAt(item.secret, 'name'));
    }
  }
  for (const container of [...list(spec.containers), ...list(spec.initContainers)]) {
    if (!isPlainObject(container)) continue;
    for (const from of list(container.envFrom)) {
      if (!isPlainObject(from)) continue;
      add('ConfigMap', nameAt(from.configMapRef, 'name'));
      add('Secret', nameAt(from.secretRef, 'name'));
    }
    for (const env of list(container.env)) {
      const valueFrom = isPlainObject(env) && isPlainObject(env.valueFrom) ? env.valueFrom : undefined;
      add('ConfigMap', nameAt(valueFrom?.configMapKeyRef, 'name'));
      add('Secret', nameAt(valueFrom?.secretKeyRef, 'name'));
    }
  }
  for (const secret of list(spec.imagePullSecrets)) add('Secret', nameAt(secret, 'name'));
  const account = spec.serviceAccountName ?? spec.serviceAccount;
  // Every namespace has its `default` ServiceAccount; the cluster makes it.
  if (typeof account === 'string' && account && account !== 'default') add('ServiceAccount', [account]);
  // Made by the cluster in every namespace.
  return found.filter((entry) => !(entry.kind === 'ConfigMap' && entry.name === 'kube-root-ca.crt'));
}

/** A dependency that is not there is left out (a volume may be optional); other failures throw. */
async function readDependency(source: SourceCluster, kind: string, namespace: string, name: string) {
  const object = await readObject(source, { apiVersion: 'v1', kind, namespace, name });
  return object ? { ...object, apiVersion: 'v1', kind } : undefined;
}

/**
 * Every object the selectors pick on the source cluster, cleaned of what the cluster set, with the
 * dependencies of the workloads among them when asked; each object once, selectors' order first.
 */
export async function readSourceObjects(
  source: SourceCluster,
  selectors: readonly ResourceSelector[],
  includeDependencies: boolean,
): Promise<RenderedObject[]> {
  const picked = new Map<string, RenderedObject>();
  const selected = await Promise.all(selectors.map((selector) => readSelected(source, selector)));
  for (const object of selected.flat()) {
    if (object.metadata?.deletionTimestamp) continue;
    const clean = cleanObject(object);
    picked.set(keyOf(identityOf(clean)), { object: clean, origin: 'source' });
  }
  if (!includeDependencies) return [...picked.values()];
  const wanted = new Map<string, { kind: string; namespace: string; name: string }>();
  for (const { object } of picked.values()) {
    const namespace = object.metadata?.namespace;
    if (!namespace) continue;
    for (const dependency of dependenciesOf(object)) {
      const key = keyOf({ apiVersion: 'v1', namespace, ...dependency });
      if (!picked.has(key)) wanted.set(key, { ...dependency, namespace });
    }
  }
  const found = await Promise.all(
    [...wanted.values()].map((entry) => readDependency(source, entry.kind, entry.namespace, entry.name)),
  );
  for (const object of found) {
    if (!object) continue;
    const clean = cleanObject(object);
    picked.set(keyOf(identityOf(clean)), { object: clean, origin: 'dependency' });
  }
  return [...picked.values()];
}
