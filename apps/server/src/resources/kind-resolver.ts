import type { DiscoveredResource, Discovery } from '#server/kube/discovery-types.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { closeMatches } from './close-matches.ts';
import { toResourceError } from './kube-call.ts';
import { UnknownKindError } from './resource-errors.ts';

/** Finds the resource type a user or a manifest means, from the cluster's discovery. */
export interface KindResolver {
  /**
   * Accepts what kubectl accepts: `pods`, `pod`, `po`, `Deployment`, `deploy`, `deployments.apps`,
   * `deployments.v1.apps`, `Deployment.apps`, `apps/v1/deployments`, `v1/pods`, and the same
   * forms of custom resources. Unknown names throw UnknownKindError with close matches.
   */
  resolve(name: string): Promise<DiscoveredResource>;
  /** The resource of a manifest's `apiVersion` and `kind`. */
  resolveObject(apiVersion: string, kind: string): Promise<DiscoveredResource>;
  /** Forgets the cached discovery, e.g. after a CustomResourceDefinition was created. */
  invalidate(): void;
}

interface Query {
  name: string;
  group?: string;
  version?: string;
}

const matchesName = (resource: DiscoveredResource, name: string) => {
  const lower = name.toLowerCase();
  return (
    resource.resource === lower ||
    resource.singular === lower ||
    resource.kind.toLowerCase() === lower ||
    resource.shortNames.includes(lower)
  );
};

/** The readings of a name: `a.b.c` may be resource `a` in group `b.c` or in version `b` of group `c`. */
function readQueries(text: string, discovery: Discovery): Query[] {
  const parts = text.split('/');
  if (parts.length === 3) return [{ group: parts[0], version: parts[1], name: parts[2] ?? '' }];
  if (parts.length === 2) {
    const [first = '', name = ''] = parts;
    // `v1/pods` is the core group; `apps/deployments` names a group without a version.
    return discovery.groups.some((group) => group.name === first)
      ? [{ group: first, name }]
      : [{ group: '', version: first, name }];
  }
  const dot = text.indexOf('.');
  if (dot === -1) return [{ name: text }];
  const name = text.slice(0, dot);
  const rest = text.slice(dot + 1);
  const queries: Query[] = [{ name, group: rest }];
  const secondDot = rest.indexOf('.');
  if (secondDot !== -1)
    queries.push({ name, version: rest.slice(0, secondDot), group: rest.slice(secondDot + 1) });
  return queries;
}

/** The best resource for a query: preferred versions first, then the core group, then discovery order. */
function findResource(discovery: Discovery, text: string): DiscoveredResource | undefined {
  const groupRank = new Map(discovery.groups.map((group, index) => [group.name, index]));
  for (const query of readQueries(text.trim(), discovery)) {
    const matches = discovery.resources.filter(
      (resource) =>
        matchesName(resource, query.name) &&
        (query.group === undefined || resource.group === query.group.toLowerCase()) &&
        (query.version === undefined || resource.version === query.version),
    );
    matches.sort(
      (a, b) =>
        Number(b.preferred) - Number(a.preferred) ||
        (a.group === '' ? -1 : 0) - (b.group === '' ? -1 : 0) ||
        (groupRank.get(a.group) ?? 1e9) - (groupRank.get(b.group) ?? 1e9),
    );
    if (matches[0]) return matches[0];
  }
  return undefined;
}

function suggestionsFor(discovery: Discovery, text: string): string[] {
  const wanted = (text.split('/').pop() ?? text).split('.')[0] ?? text;
  const display = new Map<string, string>();
  for (const resource of discovery.resources.filter((entry) => entry.preferred)) {
    const label = resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
    for (const name of [resource.resource, resource.singular, resource.kind, ...resource.shortNames]) {
      if (name && !display.has(name)) display.set(name, resource.kind === name ? resource.kind : label);
    }
  }
  return [...new Set(closeMatches(wanted, display.keys(), 8).map((name) => display.get(name) ?? name))].slice(
    0,
    5,
  );
}

/** A resolver that caches the client's discovery and discovers again when a name is not found. */
export function createKindResolver(client: Pick<KubeClient, 'discover'>): KindResolver {
  let cached: Promise<Discovery> | undefined;

  const discover = (): Promise<Discovery> => {
    if (!cached) {
      const pending = client.discover().catch((error: unknown) => {
        if (cached === pending) cached = undefined;
        throw toResourceError(error, { verb: 'get', group: '', resource: 'discovery' });
      });
      cached = pending;
    }
    return cached;
  };

  /** Looks in the cached discovery, then once more in a fresh one. */
  async function lookUp(find: (discovery: Discovery) => DiscoveredResource | undefined) {
    const pending = discover();
    const first = await pending;
    const found = find(first);
    if (found) return { found, discovery: first };
    // Unless another miss already started a fresh discovery, start one.
    if (cached === pending) cached = undefined;
    const fresh = await discover();
    return { found: find(fresh), discovery: fresh };
  }

  return {
    async resolve(name) {
      const { found, discovery } = await lookUp((discovery) => findResource(discovery, name));
      if (!found) throw new UnknownKindError(name, suggestionsFor(discovery, name));
      return found;
    },
    async resolveObject(apiVersion, kind) {
      const slash = apiVersion.indexOf('/');
      const group = slash === -1 ? '' : apiVersion.slice(0, slash);
      const version = apiVersion.slice(slash + 1);
      const { found, discovery } = await lookUp((discovery) =>
        discovery.resources.find(
          (resource) => resource.group === group && resource.version === version && resource.kind === kind,
        ),
      );
      if (found) return found;
      const sameKind = discovery.resources.filter((resource) => resource.kind === kind);
      const served = sameKind.map((resource) =>
        resource.group ? `${resource.group}/${resource.version}` : resource.version,
      );
      const suggestions = served.length
        ? served.map((entry) => `${entry} ${kind}`)
        : suggestionsFor(discovery, kind);
      throw new UnknownKindError(`${apiVersion} ${kind}`, suggestions);
    },
    invalidate() {
      cached = undefined;
    },
  };
}
