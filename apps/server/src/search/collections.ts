import { KIND_REGISTRY, type KindRegistry } from '@portolan/kinds';
import { closeMatches } from '#server/resources/close-matches.ts';
import { type NamedType, namedTypesOf } from './builtin-kinds.ts';

export interface TypeRef {
  group: string;
  resource: string;
}

/** The types of a collection (`workloads`, `network`, …) as the kind registry groups them. */
export function collectionTypes(name: string, kinds: KindRegistry = KIND_REGISTRY): TypeRef[] | undefined {
  const collection = kinds.collections.find((known) => known === name);
  if (!collection) return undefined;
  return kinds.inCollection(collection).map((kind) => ({ group: kind.group, resource: kind.plural }));
}

/** What a list of kinds reads as: the types, and the names that match none with their close matches. */
export interface KindReading {
  types: TypeRef[];
  unknown: Array<{ name: string; suggestions: string[] }>;
  /** Names in a group no known type has, taken as written: a type that is coming, or has gone. */
  unchecked: string[];
}

interface Query {
  name: string;
  group?: string;
}

const VERSION = /^v\d+((alpha|beta)\d+)?$/;

/** `pods`, `Pod`, `po`, `deployments.apps`, `deployments.v1.apps`, `apps/deployments`, `apps/v1/deployments`, `v1/pods`. */
function queriesOf(value: string): Query[] {
  if (value.includes('/')) {
    const parts = value.split('/');
    const name = parts.at(-1) ?? '';
    const first = parts[0] ?? '';
    const group = parts.length === 2 && (first === 'core' || VERSION.test(first)) ? '' : first;
    return [{ name, group }];
  }
  const dot = value.indexOf('.');
  if (dot === -1) return [{ name: value }];
  const name = value.slice(0, dot);
  const rest = value.slice(dot + 1);
  const queries: Query[] = [{ name, group: rest }];
  const versioned = /^(v\d+(?:(?:alpha|beta)\d+)?)\.(.+)$/.exec(rest);
  if (versioned?.[2]) queries.push({ name, group: versioned[2] });
  return queries;
}

const namesOf = (type: NamedType): string[] =>
  [type.resource, type.kind?.toLowerCase(), type.singular, ...(type.shortNames ?? [])].filter(
    (name): name is string => Boolean(name),
  );

const labelOf = (type: TypeRef) => (type.group ? `${type.resource}.${type.group}` : type.resource);

/**
 * Reads kinds as kubectl reads them, against the types `known` lists (built-in first): Kind names,
 * plurals, singulars, short names, `plural.group`, `group/plural`, and collection names (workloads,
 * network, …). A bare name that a built-in type has means that type; one only custom types have means
 * every such type (one per group). Built-in kinds and collections are the registry's (`kinds`).
 */
export function readKinds(
  values: string[],
  known: NamedType[],
  kinds: KindRegistry = KIND_REGISTRY,
): KindReading {
  const reading: KindReading = { types: [], unknown: [], unchecked: [] };
  const seen = new Set<string>();
  const add = (type: TypeRef) => {
    const key = `${type.group}/${type.resource}`;
    if (seen.has(key)) return;
    seen.add(key);
    reading.types.push({ group: type.group, resource: type.resource });
  };
  const builtIn = new Set(kinds.all.map((kind) => labelOf({ group: kind.group, resource: kind.plural })));
  const groups = new Set(known.map((type) => type.group));
  for (const raw of values) {
    const value = raw.trim().toLowerCase();
    if (!value) continue;
    const collection = collectionTypes(value, kinds);
    if (collection) {
      collection.forEach(add);
      continue;
    }
    const queries = queriesOf(value);
    let matches: NamedType[] = [];
    for (const query of queries) {
      matches = known.filter(
        (type) =>
          namesOf(type).includes(query.name) && (query.group === undefined || type.group === query.group),
      );
      if (matches.length) break;
    }
    const builtInMatches = matches.filter((type) => builtIn.has(labelOf(type)));
    if (matches.length) {
      (builtInMatches.length ? builtInMatches : matches).forEach(add);
      continue;
    }
    // The last reading drops a version (`widgets.v1.example.com`), so its group is the likelier one.
    const grouped = queries.filter((query) => query.group !== undefined);
    const last = grouped.at(-1);
    if (last?.group !== undefined && grouped.every((query) => !groups.has(query.group ?? ''))) {
      reading.unchecked.push(raw.trim());
      add({ group: last.group, resource: last.name });
      continue;
    }
    reading.unknown.push({ name: raw.trim(), suggestions: suggestionsFor(queries[0]?.name ?? value, known) });
  }
  return reading;
}

/** The close matches of a name, as the user would write them: the Kind, or `plural.group`. */
function suggestionsFor(name: string, known: NamedType[]): string[] {
  const display = new Map<string, string>();
  for (const type of known) {
    for (const candidate of namesOf(type)) {
      const label = type.kind && candidate === type.kind.toLowerCase() ? type.kind : labelOf(type);
      if (!display.has(candidate)) display.set(candidate, label);
    }
  }
  const matches = closeMatches(name, display.keys(), 8).map(
    (candidate) => display.get(candidate) ?? candidate,
  );
  return [...new Set(matches)].slice(0, 5);
}

/**
 * Built-in kinds and collections by any of their names; anything else is taken as written (`group/plural`,
 * `plural.group`, or a core plural). For the change stream, which may name a type before it exists.
 */
export function parseKinds(values: string[], kinds: KindRegistry = KIND_REGISTRY): TypeRef[] {
  const types: TypeRef[] = [];
  const builtIn = namedTypesOf(kinds);
  for (const value of values) {
    const reading = readKinds([value], builtIn, kinds);
    if (reading.unknown.length === 0) {
      types.push(...reading.types);
      continue;
    }
    const [query] = queriesOf(value.trim().toLowerCase());
    if (query) types.push({ group: query.group ?? '', resource: query.name });
  }
  return types;
}
