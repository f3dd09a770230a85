import type { Store } from '#server/store/store.ts';
import { BUILTIN_KINDS, type NamedType } from './builtin-kinds.ts';
import { type KindReading, readKinds } from './collections.ts';

const CRDS = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };
/** Pages of stored CRDs read for their names; a thousand CRDs per page, more than any cluster has. */
const CRD_PAGES = 5;

interface StoredCrd {
  spec?: {
    group?: string;
    names?: { plural?: string; singular?: string; kind?: string; shortNames?: string[] };
  };
}

/** Types stored or synced in these clusters: Kind names where rows exist, plurals for every synced type. */
async function storedKinds(store: Store, clusterIds: string[]): Promise<NamedType[]> {
  const known: NamedType[] = [];
  for (const count of await store.resources.counts({ clusterIds })) {
    known.push({ group: count.group, resource: count.resource, kind: count.kind });
  }
  const wanted = new Set(clusterIds);
  for (const state of await store.syncStates.list()) {
    if (wanted.has(state.clusterId)) known.push({ group: state.group, resource: state.resource });
  }
  return known;
}

/** The custom resources the stored CRDs of these clusters define: Kind, plural, singular, short names. */
async function crdKinds(store: Store, clusterIds: string[]): Promise<NamedType[]> {
  const known: NamedType[] = [];
  let token: string | undefined;
  for (let page = 0; page < CRD_PAGES; page++) {
    const found = await store.resources.search({
      clusterIds,
      types: [CRDS],
      limit: 1000,
      ...(token ? { continue: token } : {}),
    });
    for (const row of found.items) {
      const spec = (row.object as StoredCrd | null)?.spec;
      const names = spec?.names;
      if (!spec?.group || !names?.plural) continue;
      known.push({
        group: spec.group,
        resource: names.plural,
        ...(names.kind ? { kind: names.kind } : {}),
        ...(names.singular ? { singular: names.singular } : {}),
        shortNames: names.shortNames ?? [],
      });
    }
    token = found.continue;
    if (!token) break;
  }
  return known;
}

const settled = (reading: KindReading) => reading.unknown.length === 0 && reading.unchecked.length === 0;

/**
 * Reads the kinds a search names, looking no further than it must: built-in names need no store;
 * other Kind names and plurals come from the stored types; short names and singulars of custom
 * resources, and Kinds with no rows yet, from the stored CRDs (larger objects, so read last). The
 * clusters' ids may come as a function, called only when the built-in names do not settle the kinds.
 */
export async function resolveKinds(
  store: Store,
  values: string[],
  clusterIdsOf: string[] | (() => Promise<string[]>),
): Promise<KindReading> {
  const builtIn = readKinds(values, BUILTIN_KINDS);
  if (settled(builtIn)) return builtIn;
  const clusterIds = Array.isArray(clusterIdsOf) ? clusterIdsOf : await clusterIdsOf();
  if (clusterIds.length === 0) return builtIn;
  const stored = [...BUILTIN_KINDS, ...(await storedKinds(store, clusterIds))];
  const fromTypes = readKinds(values, stored);
  if (settled(fromTypes)) return fromTypes;
  return readKinds(values, [...stored, ...(await crdKinds(store, clusterIds))]);
}
