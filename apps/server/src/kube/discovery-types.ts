/** One resource served at one group version. */
export interface DiscoveredResource {
  /** '' for the core group. */
  group: string;
  version: string;
  /** The plural, as in URLs: `deployments`. */
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  /** e.g. `status`, `scale`, `log`. */
  subresources: string[];
  /** True when this is the group's preferred version. */
  preferred: boolean;
}

export interface DiscoveredGroup {
  /** '' for the core group. */
  name: string;
  /** Served versions, the preferred first. */
  versions: string[];
  preferredVersion: string;
}

export interface Discovery {
  groups: DiscoveredGroup[];
  resources: DiscoveredResource[];
  /** Group versions the server lists but could not describe (e.g. an aggregated API that is down). */
  failed: { groupVersion: string; message: string }[];
}

/** The API path of a resource's collection, cluster-wide or in one namespace. */
export function resourcePath(
  resource: Pick<DiscoveredResource, 'group' | 'version' | 'resource' | 'namespaced'>,
  namespace?: string,
): string {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const scope = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${scope}/${resource.resource}`;
}
