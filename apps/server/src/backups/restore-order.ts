import type { BackupObject, RestoreSpec } from '@portolan/api';
import type { ArchiveEntry } from './archive-reader.ts';
import type { KubeObject } from './object-clean.ts';

/** Apply order: what others need first. */
const ORDER: Array<[number, string[]]> = [
  [0, ['apiextensions.k8s.io/CustomResourceDefinition']],
  [1, ['Namespace']],
  [
    2,
    [
      'rbac.authorization.k8s.io/ClusterRole',
      'rbac.authorization.k8s.io/Role',
      'rbac.authorization.k8s.io/ClusterRoleBinding',
      'rbac.authorization.k8s.io/RoleBinding',
    ],
  ],
  [3, ['ServiceAccount']],
  [4, ['ConfigMap', 'Secret', 'LimitRange', 'ResourceQuota']],
  [5, ['storage.k8s.io/StorageClass', 'PersistentVolume', 'PersistentVolumeClaim']],
  [6, ['Service']],
  [
    7,
    [
      'apps/Deployment',
      'apps/StatefulSet',
      'apps/DaemonSet',
      'apps/ReplicaSet',
      'batch/Job',
      'batch/CronJob',
      'Pod',
    ],
  ],
];
const RANK = new Map(ORDER.flatMap(([rank, kinds]) => kinds.map((kind) => [kind, rank] as const)));
const REST = 8;

export function applyOrder(apiVersion: string, kind: string): number {
  const slash = apiVersion.indexOf('/');
  return RANK.get(slash < 0 ? kind : `${apiVersion.slice(0, slash)}/${kind}`) ?? REST;
}

export interface RestoreEntry {
  source: BackupObject;
  /** The object as it will be sent: namespace mapped, ready to apply. */
  object: KubeObject;
  group: string;
  version: string;
  resource: string;
  targetNamespace?: string;
  order: number;
}

/**
 * The archive's objects a restore takes, mapped into their target namespaces and sorted into apply
 * order. Namespace objects of the chosen namespaces go in (renamed when mapped), and so do the CRDs
 * of chosen custom objects; other cluster-scoped objects only when `clusterScoped`.
 */
export function selectForRestore(
  entries: ArchiveEntry[],
  spec: Pick<RestoreSpec, 'namespaces' | 'namespaceMapping' | 'objects' | 'clusterScoped'>,
): RestoreEntry[] {
  const mapping = spec.namespaceMapping ?? {};
  const chosenNamespaces = spec.namespaces ? new Set(spec.namespaces) : undefined;
  const inNamespaces = (ns: string) => !chosenNamespaces || chosenNamespaces.has(ns);
  const picked: RestoreEntry[] = [];
  const neededCrds = new Set<string>();
  const objectOf = (entry: ArchiveEntry): BackupObject => {
    const object = entry.object as KubeObject;
    return {
      apiVersion: String(object.apiVersion),
      kind: String(object.kind),
      name: entry.place.name,
      ...(entry.place.namespace !== undefined ? { namespace: entry.place.namespace } : {}),
    };
  };
  const keyOf = (o: BackupObject) => `${o.apiVersion}|${o.kind}|${o.namespace ?? ''}|${o.name}`;
  const chosenKeys = spec.objects ? new Set(spec.objects.map(keyOf)) : undefined;
  const chosenNamespacesOfObjects = new Set(
    (spec.objects ?? []).flatMap((o) => (o.namespace ? [o.namespace] : [])),
  );
  const chosen = (source: BackupObject) => !chosenKeys || chosenKeys.has(keyOf(source));
  for (const entry of entries) {
    if (!entry.object) continue;
    const source = objectOf(entry);
    const ns = entry.place.namespace;
    let keep: boolean;
    if (ns !== undefined) keep = inNamespaces(ns) && chosen(source);
    else if (source.kind === 'Namespace')
      keep =
        inNamespaces(source.name) &&
        (!chosenKeys || chosenNamespacesOfObjects.has(source.name) || chosen(source));
    else keep = spec.clusterScoped && chosen(source);
    if (!keep) continue;
    if (ns !== undefined && !isBuiltIn(entry.place.group))
      neededCrds.add(`${entry.place.resource}.${entry.place.group}`);
    picked.push(mapped(entry, source, mapping));
  }
  for (const entry of entries) {
    const object = entry.object as KubeObject | undefined;
    if (object?.kind !== 'CustomResourceDefinition' || !neededCrds.has(entry.place.name)) continue;
    if (
      picked.some((p) => p.source.kind === 'CustomResourceDefinition' && p.source.name === entry.place.name)
    )
      continue;
    picked.push(mapped(entry, objectOf(entry), mapping));
  }
  return picked.sort((a, b) => a.order - b.order);
}

function mapped(entry: ArchiveEntry, source: BackupObject, mapping: Record<string, string>): RestoreEntry {
  const object = structuredClone(entry.object) as KubeObject;
  const metadata = { ...(object.metadata ?? {}) };
  const targetNamespace =
    source.namespace !== undefined ? (mapping[source.namespace] ?? source.namespace) : undefined;
  if (targetNamespace !== undefined) metadata.namespace = targetNamespace;
  if (source.kind === 'Namespace') {
    metadata.name = mapping[source.name] ?? source.name;
    const labels = metadata.labels as Record<string, string> | undefined;
    if (labels?.['kubernetes.io/metadata.name'])
      labels['kubernetes.io/metadata.name'] = String(metadata.name);
  }
  // Bindings name ServiceAccounts by namespace: they follow the mapping.
  if (Array.isArray(object.subjects))
    object.subjects = (object.subjects as Array<Record<string, unknown>>).map((subject) =>
      subject.kind === 'ServiceAccount' && typeof subject.namespace === 'string' && mapping[subject.namespace]
        ? { ...subject, namespace: mapping[subject.namespace] }
        : subject,
    );
  object.metadata = metadata;
  return {
    source,
    object,
    group: entry.place.group,
    version: entry.place.version,
    resource: entry.place.resource,
    ...(targetNamespace !== undefined ? { targetNamespace } : {}),
    order: applyOrder(source.apiVersion, source.kind),
  };
}

const isBuiltIn = (group: string) => group === '' || group.endsWith('.k8s.io') || !group.includes('.');
