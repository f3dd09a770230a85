import type { ResourceStore } from '#server/store/store.ts';
import type { ManifestObject } from './manifest-objects.ts';

/** An object a release owns, with the status word Portolan's store keeps for it. */
export interface ObjectHealth {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  found: boolean;
  phase: string | null;
  ready: boolean;
}

// The store's status words (resource-record.ts phaseOf) that mean "done, working as asked".
const READY_WORDS = new Set([
  'Available',
  'Complete',
  'Ready',
  'Running',
  'Succeeded',
  'Bound',
  'Active',
  'Paused',
  'Suspended',
]);

/** Ready: present, and either without a status word (a ConfigMap, a Service) or with a good one. */
export const isReadyPhase = (phase: string | null) => phase === null || READY_WORDS.has(phase);

/**
 * Looks each object up in the store (filled by the watches) in one search: its kinds, in the
 * release's namespace and among cluster-scoped rows.
 */
export async function objectHealth(
  store: Pick<ResourceStore, 'search'>,
  clusterId: string,
  releaseNamespace: string,
  objects: ManifestObject[],
): Promise<ObjectHealth[]> {
  if (objects.length === 0) return [];
  const namespaceOf = (object: ManifestObject) => object.namespace ?? releaseNamespace;
  const namespaces = [...new Set([...objects.map(namespaceOf), ''])];
  const kinds = [...new Set(objects.map((object) => object.kind))];
  const page = await store.search({
    clusterIds: [clusterId],
    kinds,
    namespaces,
    limit: 1000,
    objects: 'none',
  });
  const rows = new Map<string, { phase: string | null }>();
  for (const row of page.items) rows.set(`${row.group}|${row.kind}|${row.namespace}|${row.name}`, row);
  return objects.map((object) => {
    const group = object.apiVersion.includes('/') ? (object.apiVersion.split('/')[0] ?? '') : '';
    const row =
      rows.get(`${group}|${object.kind}|${namespaceOf(object)}|${object.name}`) ??
      rows.get(`${group}|${object.kind}||${object.name}`);
    return {
      apiVersion: object.apiVersion,
      kind: object.kind,
      ...(object.namespace ? { namespace: object.namespace } : {}),
      name: object.name,
      found: row !== undefined,
      phase: row?.phase ?? null,
      ready: row !== undefined && isReadyPhase(row.phase),
    };
  });
}

export const countReady = (health: ObjectHealth[]) => ({
  ready: health.filter((object) => object.ready).length,
  total: health.length,
});
