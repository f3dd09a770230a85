/**
 * The backup archive (docs/backup-archive.md): one `.tar.gz` holding one JSON file per object under
 * `resources/<group>/<version>/<plural>/(cluster|namespaces/<ns>)/<name>.json` (group `core` for the
 * core API) and `manifest.json`, the last entry, which says what the archive holds.
 */
export const ARCHIVE_FORMAT_VERSION = 1;

export interface ArchiveKind {
  group: string;
  version: string;
  /** The plural, as in the archive's paths and in URLs. */
  resource: string;
  kind: string;
  namespaced: boolean;
  count: number;
}

export interface ArchiveManifest {
  formatVersion: number;
  cluster: string;
  kubernetesVersion: string | null;
  createdAt: string;
  plan: string | null;
  selection: {
    namespaces: string[];
    labelSelector: string | null;
    includeKinds: string[];
    excludeKinds: string[];
    clusterScoped: boolean;
  };
  counts: { objects: number; failed: number; skipped: number };
  kinds: ArchiveKind[];
}

export interface ObjectPlace {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name: string;
}

export function objectPath(place: ObjectPlace): string {
  const scope = place.namespace === undefined ? 'cluster' : `namespaces/${place.namespace}`;
  return `resources/${place.group || 'core'}/${place.version}/${place.resource}/${scope}/${place.name}.json`;
}

/** The place an archive path names, or undefined for any other entry. */
export function placeOf(path: string): ObjectPlace | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'resources' || !path.endsWith('.json')) return undefined;
  const [, group, version, resource, scope] = parts;
  if (!group || !version || !resource) return undefined;
  if (scope === 'cluster' && parts.length === 6)
    return { group: group === 'core' ? '' : group, version, resource, name: parts[5]?.slice(0, -5) ?? '' };
  if (scope === 'namespaces' && parts.length === 7)
    return {
      group: group === 'core' ? '' : group,
      version,
      resource,
      namespace: parts[5] ?? '',
      name: parts[6]?.slice(0, -5) ?? '',
    };
  return undefined;
}
