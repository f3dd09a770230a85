import { KIND_REGISTRY, type KindDescriptor, type KindRegistry } from '@portolan/kinds';

/**
 * A kind the CLI knows by name (from the kind registry), so `pod`, `po` and `pods` all mean the same
 * and tables know which columns to show. Anything else (custom resources) passes through to the
 * server as typed.
 */
export interface KnownKind {
  resource: string;
  group: string;
  kind: string;
  namespaced: boolean;
  shortNames: readonly string[];
}

const knownOf = (kind: KindDescriptor): KnownKind => ({
  resource: kind.plural,
  group: kind.group,
  kind: kind.kind,
  namespaced: kind.namespaced,
  shortNames: kind.shortNames,
});

/** A kind as the user typed it, resolved when the CLI knows it. */
export interface KindRef {
  /** What the user typed; the server resolves it when the CLI does not. */
  typed: string;
  known?: KnownKind;
}

export function resolveKind(typed: string, kinds: KindRegistry = KIND_REGISTRY): KindRef {
  const found = kinds.find(typed);
  return found ? { typed, known: knownOf(found) } : { typed };
}

/** The `kinds` value for /api/v1/search: `apps/deployments`, `pods`, or the typed name. */
export function searchKindOf(ref: KindRef): string {
  if (!ref.known) return ref.typed;
  return ref.known.group ? `${ref.known.group}/${ref.known.resource}` : ref.known.resource;
}

/** The name the server's routes take: the plural (`deployments`), or the typed name. */
export function routeKindOf(ref: KindRef): string {
  return ref.known?.resource ?? ref.typed;
}

/** kubectl's `deployment.apps` and `pod`, as in `deployment.apps/web created`. */
export function qualifiedKind(kind: string, group: string): string {
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

/** The group of an apiVersion: `apps/v1` → `apps`, `v1` → ``. */
export function groupOf(apiVersion: string | undefined): string {
  const slash = apiVersion?.indexOf('/') ?? -1;
  return slash > 0 && apiVersion ? apiVersion.slice(0, slash) : '';
}

export const WORKLOAD_RESOURCES = KIND_REGISTRY.inCollection('workloads').map((kind) => kind.plural);

/** The workloads with a scale subresource: `deployments`, `statefulsets`. */
export const SCALABLE_RESOURCES = KIND_REGISTRY.inCollection('workloads')
  .filter((kind) => kind.scalable)
  .map((kind) => kind.plural);
