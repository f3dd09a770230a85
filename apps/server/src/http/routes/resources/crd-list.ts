import type { CrdListQuery, CrdSort, CrdSummary } from '@portolan/api';

export type CrdFilter = Omit<CrdListQuery, 'limit' | 'offset' | 'continue'>;

const KEYS: Record<CrdSort, (crd: CrdSummary) => string | number> = {
  name: (crd) => crd.name,
  kind: (crd) => crd.kind.toLowerCase(),
  group: (crd) => crd.group,
  objects: (crd) => crd.count ?? -1,
};

/**
 * One page of a cluster's CRDs, filtered and sorted, with the count over all pages. The cluster
 * answers the definitions whole (their count is in the hundreds at most), so they are paged here.
 */
export function pageOfCrds(
  crds: CrdSummary[],
  filter: CrdFilter,
  window: { limit: number; offset: number },
): { items: CrdSummary[]; total: number } {
  const needle = filter.q?.toLowerCase();
  const matching = crds.filter(
    (crd) =>
      (!filter.name || crd.name === filter.name) &&
      (!filter.scope || crd.scope === filter.scope) &&
      (!needle || `${crd.name}\n${crd.kind}\n${crd.group}`.toLowerCase().includes(needle)),
  );
  const key = KEYS[filter.sort ?? 'name'];
  const sign = filter.order === 'desc' ? -1 : 1;
  // The name (unique in a cluster) breaks ties, so pages never repeat or skip a definition.
  matching.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return (x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0) * sign;
  });
  return { items: matching.slice(window.offset, window.offset + window.limit), total: matching.length };
}
