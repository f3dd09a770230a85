import type { Cluster } from '../../api/types.ts';

export interface ClusterFilter {
  /** Matches name or display name, case-insensitive. */
  search: string;
  /** `key=value` or `key` (has the label), comma-separated; all must hold. */
  labels: string;
  status: Cluster['status'] | '';
}

/**
 * GET /api/v1/clusters answers every visible cluster at once (it takes no filter or page), so the
 * console filters that list itself; a registry holds tens of clusters, not thousands.
 */
export function filterClusters(clusters: readonly Cluster[], filter: ClusterFilter): Cluster[] {
  const search = filter.search.trim().toLowerCase();
  const wanted = filter.labels
    .split(',')
    .map((term) => term.trim())
    .filter(Boolean)
    .map((term) => {
      const at = term.indexOf('=');
      return at < 0
        ? { key: term, value: undefined }
        : { key: term.slice(0, at).trim(), value: term.slice(at + 1).trim() };
    });
  return clusters.filter(
    (cluster) =>
      (!filter.status || cluster.status === filter.status) &&
      (!search ||
        cluster.name.toLowerCase().includes(search) ||
        cluster.displayName.toLowerCase().includes(search)) &&
      wanted.every(({ key, value }) =>
        value === undefined ? key in cluster.labels : cluster.labels[key] === value,
      ),
  );
}

/** `env=prod` lines (or commas) into labels; undefined when a line is not `key=value`. */
export function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const line of text.split(/[\n,]/)) {
    const term = line.trim();
    if (!term) continue;
    const at = term.indexOf('=');
    if (at <= 0) return undefined;
    labels[term.slice(0, at).trim()] = term.slice(at + 1).trim();
  }
  return labels;
}
