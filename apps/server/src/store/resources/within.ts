import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Within } from '../store.ts';

/**
 * A query's clusters with a `within` restriction folded in. Whole clusters become a plain cluster
 * filter (which the kept counts still serve); only clusters seen through namespace grants remain as a
 * per-row condition, and only for the clusters the query still asks for.
 */
export interface Narrowed {
  /** undefined: every cluster. */
  clusterIds: string[] | undefined;
  /** Clusters of clusterIds seen in whole; the rest are in `namespaces`. */
  wholeClusterIds: string[] | undefined;
  /** cluster id → the namespaces seen in it; undefined when no row condition is needed. */
  namespaces: Map<string, string[]> | undefined;
}

/** Whether `within` keeps any rows out (beyond Secrets, see narrowSecrets). */
export const restrictsRows = (within: Within | undefined): within is Within =>
  within !== undefined && !within.everyCluster;

export function narrow(
  clusterIds: string[] | undefined,
  within: Pick<Within, 'clusterIds' | 'namespaces' | 'everyCluster'> | undefined,
): Narrowed {
  if (!within || within.everyCluster)
    return { clusterIds, wholeClusterIds: clusterIds, namespaces: undefined };
  const whole = new Set(within.clusterIds);
  const byCluster = new Map<string, Set<string>>();
  for (const { clusterId, namespace } of within.namespaces) {
    if (namespace === '' || whole.has(clusterId)) continue;
    const set = byCluster.get(clusterId) ?? new Set<string>();
    set.add(namespace);
    byCluster.set(clusterId, set);
  }
  const allowed = (id: string) => whole.has(id) || byCluster.has(id);
  const chosen = clusterIds
    ? [...new Set(clusterIds)].filter(allowed)
    : [...new Set([...whole, ...byCluster.keys()])].sort();
  const partial = chosen.filter((id) => !whole.has(id));
  return {
    clusterIds: chosen,
    wholeClusterIds: chosen.filter((id) => whole.has(id)),
    namespaces:
      partial.length === 0
        ? undefined
        : new Map(partial.map((id) => [id, [...(byCluster.get(id) ?? [])].sort()])),
  };
}

/** The row condition for `narrowed.namespaces`: a whole cluster, or one of a cluster's namespaces. */
export function withinCondition(
  narrowed: Narrowed,
  table: 'resources' | 'pod_requests',
  options: { namespaceObjects?: boolean } = {},
): RawBuilder<SqlBool> {
  const cluster = sql.ref(`${table}.cluster_id`);
  const namespace = sql.ref(`${table}.namespace`);
  const anyOf: RawBuilder<unknown>[] = [];
  if (narrowed.wholeClusterIds?.length)
    anyOf.push(sql`${cluster} in (${sql.join(narrowed.wholeClusterIds)})`);
  for (const [clusterId, namespaces] of narrowed.namespaces ?? []) {
    anyOf.push(sql`(${cluster} = ${clusterId} and ${namespace} in (${sql.join(namespaces)}))`);
    // In search, a namespace grant also shows the Namespace object itself, so a namespace member's
    // namespace list is never empty (counts leave it out: they count what is in namespaces).
    if (table === 'resources' && options.namespaceObjects)
      anyOf.push(
        sql`(${cluster} = ${clusterId} and ${namespace} = '' and resources.name in (${sql.join(namespaces)}) and resources.type_id in (select id from resource_types where api_group = '' and resource = 'namespaces'))`,
      );
  }
  return anyOf.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(anyOf, sql` or `)})`;
}

/** Whether core Secrets are among a type. */
export const isSecretType = (type: { group: string; resource: string }) =>
  type.group === '' && type.resource === 'secrets';

/**
 * Where Secrets are seen of what `rows` (narrow of the same query) shows: 'same' when no less;
 * otherwise that part of `rows`, by the same shape (clusterIds empty: no Secrets at all).
 */
export function narrowSecrets(rows: Narrowed, within: Within | undefined): Narrowed | 'same' {
  if (!within?.secrets) return 'same';
  const seen = narrow(rows.clusterIds, within.secrets);
  const whole: string[] = [];
  const partial = new Map<string, string[]>();
  for (const id of seen.clusterIds ?? []) {
    const rowPairs = rows.namespaces?.get(id);
    const secretPairs = seen.namespaces?.get(id);
    // Inside what the rows show: a cluster seen in whole for Secrets is still only its pairs if the
    // rows are only pairs there.
    const pairs =
      rowPairs && secretPairs ? secretPairs.filter((n) => rowPairs.includes(n)) : (rowPairs ?? secretPairs);
    if (pairs === undefined) whole.push(id);
    else if (pairs.length) partial.set(id, pairs);
  }
  const clusterIds = [...whole, ...partial.keys()].sort();
  const same =
    rows.clusterIds !== undefined &&
    clusterIds.length === rows.clusterIds.length &&
    whole.length === (rows.wholeClusterIds?.length ?? 0) &&
    [...partial].every(([id, pairs]) => rows.namespaces?.get(id)?.length === pairs.length);
  if (same) return 'same';
  return { clusterIds, wholeClusterIds: whole.sort(), namespaces: partial.size ? partial : undefined };
}
