import type { DiscoveredGroup, DiscoveredResource, Discovery } from './discovery-types.ts';

interface AggregatedResource {
  resource: string;
  responseKind?: { kind?: string };
  scope?: 'Namespaced' | 'Cluster';
  singularResource?: string;
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: { subresource: string }[];
}

interface AggregatedGroupList {
  kind?: string;
  items?: {
    metadata?: { name?: string };
    versions?: { version: string; resources?: AggregatedResource[]; freshness?: string }[];
  }[];
}

interface LegacyResourceList {
  groupVersion?: string;
  resources?: {
    name: string;
    singularName?: string;
    namespaced?: boolean;
    kind?: string;
    verbs?: string[];
    shortNames?: string[];
    categories?: string[];
  }[];
}

const splitGroupVersion = (groupVersion: string) => {
  const slash = groupVersion.indexOf('/');
  return slash === -1
    ? { group: '', version: groupVersion }
    : { group: groupVersion.slice(0, slash), version: groupVersion.slice(slash + 1) };
};

export const isAggregatedDiscovery = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && (body as AggregatedGroupList).kind === 'APIGroupDiscoveryList';

/** Reads APIGroupDiscoveryList documents (from /api and /apis); versions come preferred first. */
export function parseAggregatedDiscovery(lists: unknown[]): Discovery {
  const discovery: Discovery = { groups: [], resources: [], failed: [] };
  for (const list of lists as AggregatedGroupList[]) {
    for (const item of list.items ?? []) {
      const group = item.metadata?.name ?? '';
      const versions = item.versions ?? [];
      if (versions.length === 0) continue;
      discovery.groups.push({
        name: group,
        versions: versions.map((version) => version.version),
        preferredVersion: versions[0]?.version ?? '',
      });
      versions.forEach((entry, index) => {
        const groupVersion = group ? `${group}/${entry.version}` : entry.version;
        if (entry.freshness === 'Stale') {
          discovery.failed.push({ groupVersion, message: 'the server reports this group version as stale' });
        }
        for (const resource of entry.resources ?? []) {
          discovery.resources.push({
            group,
            version: entry.version,
            resource: resource.resource,
            kind: resource.responseKind?.kind ?? '',
            singular: resource.singularResource || (resource.responseKind?.kind ?? '').toLowerCase(),
            namespaced: resource.scope === 'Namespaced',
            verbs: resource.verbs ?? [],
            shortNames: resource.shortNames ?? [],
            categories: resource.categories ?? [],
            subresources: (resource.subresources ?? []).map((sub) => sub.subresource),
            preferred: index === 0,
          });
        }
      });
    }
  }
  return discovery;
}

/** Groups from the legacy /api (APIVersions) and /apis (APIGroupList) documents. */
export function parseLegacyGroups(core: unknown, groups: unknown): DiscoveredGroup[] {
  const coreVersions = (core as { versions?: string[] })?.versions ?? [];
  const result: DiscoveredGroup[] = [];
  if (coreVersions.length > 0) {
    result.push({ name: '', versions: coreVersions, preferredVersion: coreVersions[0] ?? '' });
  }
  const list = groups as {
    groups?: { name: string; versions?: { version: string }[]; preferredVersion?: { version: string } }[];
  };
  for (const group of list?.groups ?? []) {
    const versions = (group.versions ?? []).map((version) => version.version);
    const preferredVersion = group.preferredVersion?.version ?? versions[0] ?? '';
    result.push({
      name: group.name,
      versions: [preferredVersion, ...versions.filter((version) => version !== preferredVersion)],
      preferredVersion,
    });
  }
  return result;
}

/** Resources of one legacy APIResourceList; `pods/log` style entries become subresources. */
export function parseResourceList(body: unknown, preferred: boolean): DiscoveredResource[] {
  const list = body as LegacyResourceList;
  const { group, version } = splitGroupVersion(list.groupVersion ?? '');
  const byName = new Map<string, DiscoveredResource>();
  const subresources: [string, string][] = [];
  for (const entry of list.resources ?? []) {
    const slash = entry.name.indexOf('/');
    if (slash !== -1) {
      subresources.push([entry.name.slice(0, slash), entry.name.slice(slash + 1)]);
      continue;
    }
    byName.set(entry.name, {
      group,
      version,
      resource: entry.name,
      kind: entry.kind ?? '',
      singular: entry.singularName || (entry.kind ?? '').toLowerCase(),
      namespaced: entry.namespaced === true,
      verbs: entry.verbs ?? [],
      shortNames: entry.shortNames ?? [],
      categories: entry.categories ?? [],
      subresources: [],
      preferred,
    });
  }
  for (const [parent, sub] of subresources) byName.get(parent)?.subresources.push(sub);
  return [...byName.values()];
}
