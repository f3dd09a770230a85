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

/**
 * The types search can name in these clusters: the built-in kinds, the custom resources their stored
 * CRDs define (Kind, plural, singular, short names), and the types synced or stored there.
 */
export async function knownKinds(store: Store, clusterIds: string[]): Promise<NamedType[]> {
  if (clusterIds.length === 0) return BUILTIN_KINDS;
  const known: NamedType[] = [...BUILTIN_KINDS];
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
  // Types with rows know their Kind; synced types without rows (yet) are known by their plural.
  for (const count of await store.resources.counts({ clusterIds })) {
    known.push({ group: count.group, resource: count.resource, kind: count.kind });
  }
  const wanted = new Set(clusterIds);
  for (const state of await store.syncStates.list()) {
    if (wanted.has(state.clusterId)) known.push({ group: state.group, resource: state.resource });
  }
  return known;
}

/**
 * Reads the kinds a search names. Built-in names are read without the store; any other name is looked
 * up among the types of the clusters searched.
 */
export async function resolveKinds(
  store: Store,
  values: string[],
  clusterIds: string[],
): Promise<KindReading> {
  const quick = readKinds(values, BUILTIN_KINDS);
  if (quick.unknown.length === 0 && quick.unchecked.length === 0) return quick;
  return readKinds(values, await knownKinds(store, clusterIds));
}
