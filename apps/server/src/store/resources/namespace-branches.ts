import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { SearchQuery } from '../store.ts';
import type { Narrowed } from './within.ts';

/** One (type, cluster, namespace) part of a search: an index range in each sort's index. */
export interface Branch {
  typeId: number;
  clusterId: string;
  namespace: string;
}

/**
 * Above this many parts, one query over all of them costs less than reading each part's first page
 * (each part reads up to a page of index entries, most of them then left out by the merge). A
 * dialect may allow fewer (SearchDialect.maxMergedParts).
 */
export const MAX_BRANCHES = 64;

/** The parts of a search, and how many rows they hold together by the kept counts. */
export interface Parts {
  /** Undefined when they are too many to read one by one. */
  branches: Branch[] | undefined;
  /** The rows of all the parts: the search's matches when it has no filter but place and phase. */
  rows: number;
}

/**
 * The (type, cluster, namespace) parts that hold the rows of a search limited to some namespaces:
 * the namespaces a caller asked for, or those a caller with namespace grants only may see. A page of
 * such a search is the first rows of each part, merged: each part's rows come sorted from an index
 * (name, namespace and cluster sorts: the key, or resources_by_place_name in PostgreSQL; created:
 * resources_by_place_created), so a page costs a page of index entries per part, however many rows
 * the namespaces hold. One index range over
 * several namespaces cannot give the rows in order: the database reads them all and sorts, tens of
 * milliseconds at a million rows.
 *
 * Only the parts that hold rows (by the kept namespace counts) are read. Undefined when the search
 * is not limited to namespaces, its types are not known, or it includes cluster-scoped rows; the
 * branches alone are undefined when the parts are too many. `query` is the search as planned (a
 * Viewer's namespaces in `namespaces`). The parts' row counts come with them, so a search with no
 * other filter needs no count of its own.
 */
export async function namespaceBranches(
  db: Kysely<Database>,
  query: SearchQuery,
  typeIds: number[] | undefined,
  narrowed: Narrowed,
  maxBranches = MAX_BRANCHES,
): Promise<Parts | undefined> {
  if (!typeIds || typeIds.length === 0) return undefined;
  // Clusters seen only in some namespaces, with those namespaces; the others are seen whole.
  const granted = narrowed.namespaces;
  const onlyGranted = granted !== undefined && !narrowed.wholeClusterIds?.length;
  const namespaces = query.namespaces;
  if (!onlyGranted && !namespaces) return undefined;
  // Cluster-scoped rows ('' here) are many kinds at once, and for a Viewer only some Namespace objects.
  if (namespaces?.includes('')) return undefined;
  const names = namespaces ?? [...new Set([...(granted?.values() ?? [])].flat())];
  if (names.length === 0 || names.length * typeIds.length > maxBranches * 4) return undefined;
  const rows = await db
    .selectFrom('resource_namespace_counts')
    .select(['type_id', 'cluster_id', 'namespace'])
    .select((eb) => eb.fn.sum<number>('count').as('rows'))
    .where('type_id', 'in', typeIds)
    .where('namespace', 'in', names)
    .$if(query.clusterIds !== undefined, (q) => q.where('cluster_id', 'in', query.clusterIds ?? []))
    .$if(query.phases !== undefined, (q) => q.where('phase', 'in', query.phases ?? []))
    .groupBy(['type_id', 'cluster_id', 'namespace'])
    .having((eb) => eb.fn.sum('count'), '>', 0)
    .execute();
  // The parts are read without the grants' row condition: each must be a place the caller sees.
  const sees = (clusterId: string, namespace: string) => {
    const list = granted?.get(clusterId);
    if (list) return list.includes(namespace);
    return !onlyGranted;
  };
  const seen = rows.filter((row) => sees(row.cluster_id, row.namespace));
  return {
    branches:
      seen.length <= maxBranches
        ? seen.map((row) => ({
            typeId: Number(row.type_id),
            clusterId: row.cluster_id,
            namespace: row.namespace,
          }))
        : undefined,
    rows: seen.reduce((sum, row) => sum + Number(row.rows), 0),
  };
}

/** Part counts a merge run as a kept statement is padded to: few statement texts, each planned once. */
const PADDED_SIZES = [4, 8, 16, 24, 32, 48, 64];
/** A part no row is in: no cluster has an empty id. */
const NO_PLACE: Branch = { typeId: 0, clusterId: '', namespace: '' };

/** The branches and, after them, parts that find nothing, up to the next of PADDED_SIZES. */
export function paddedBranches(branches: Branch[]): Branch[] {
  const size = PADDED_SIZES.find((n) => n >= branches.length) ?? branches.length;
  return [...branches, ...Array.from({ length: size - branches.length }, () => NO_PLACE)];
}
