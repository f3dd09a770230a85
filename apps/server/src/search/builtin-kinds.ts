import { KIND_REGISTRY, type KindRegistry } from '@portolan/kinds';

/** A resource type by the names users write for it: plural, Kind, singular and short names. */
export interface NamedType {
  group: string;
  resource: string;
  /** Absent when only the plural is known (a synced type with no stored row or CRD yet). */
  kind?: string;
  /** When it differs from the Kind in lower case (a CRD may say so). */
  singular?: string;
  shortNames?: string[];
}

/** The names of a registry's kinds, as search reads them. */
export const namedTypesOf = (kinds: KindRegistry): NamedType[] =>
  kinds.all.map((kind) => ({
    group: kind.group,
    resource: kind.plural,
    kind: kind.kind,
    shortNames: [...kind.shortNames],
  }));

/**
 * The built-in kinds search knows without asking a cluster (the kind registry's), with kubectl's
 * short names. Custom resources come from the store (see known-kinds.ts).
 */
export const BUILTIN_KINDS: NamedType[] = namedTypesOf(KIND_REGISTRY);
