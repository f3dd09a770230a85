import type { Collection, KindDescriptor } from './kind-descriptor.ts';

/** Kinds by every name a user may write for them, and by trait. */
export interface KindRegistry {
  readonly all: readonly KindDescriptor[];
  /**
   * By Kind (`Deployment`), plural (`deployments`), singular (`deployment`), short name (`deploy`),
   * `plural.group` (`deployments.apps`) or `group/plural` (`apps/deployments`); any case.
   */
  find(name: string): KindDescriptor | undefined;
  /** By group and plural, as the API names a type. */
  get(group: string, plural: string): KindDescriptor | undefined;
  /** The kinds of a collection, in the registry's order. */
  inCollection(collection: Collection): KindDescriptor[];
  readonly collections: readonly Collection[];
}

/** The names a kind answers to; no two kinds of one registry may share one. */
function namesOf(kind: KindDescriptor): string[] {
  const plain = [kind.plural, kind.kind.toLowerCase(), ...kind.shortNames.map((name) => name.toLowerCase())];
  const qualified = kind.group ? [`${kind.plural}.${kind.group}`, `${kind.group}/${kind.plural}`] : [];
  return [...new Set([...plain, ...qualified])];
}

/**
 * A registry of kinds. Refuses a name (Kind, plural or short name) that two kinds claim, since a user
 * who writes it could mean either; the error names both kinds.
 */
export function createKindRegistry(kinds: readonly KindDescriptor[]): KindRegistry {
  const byName = new Map<string, KindDescriptor>();
  const byType = new Map<string, KindDescriptor>();
  for (const kind of kinds) {
    for (const name of namesOf(kind)) {
      const holder = byName.get(name);
      if (holder) {
        throw new Error(
          `kind ${kind.kind} (${kind.plural}) and kind ${holder.kind} (${holder.plural}) both answer to "${name}"; give one of them another name`,
        );
      }
      byName.set(name, kind);
    }
    byType.set(`${kind.group}/${kind.plural}`, kind);
  }
  const collections = [...new Set(kinds.flatMap((kind) => kind.collections))];
  return {
    all: kinds,
    find: (name) => byName.get(name.trim().toLowerCase()),
    get: (group, plural) => byType.get(`${group}/${plural}`),
    inCollection: (collection) => kinds.filter((kind) => kind.collections.includes(collection)),
    collections,
  };
}
