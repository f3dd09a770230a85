import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { ResourceCount, ResourceStore, Within } from '../store.ts';
import type { ResourceTypes } from './resource-types.ts';
import { isSecretType, type Narrowed, narrow, narrowSecrets, withinCondition } from './within.ts';

type CountsFilter = NonNullable<Parameters<ResourceStore['counts']>[0]>;

/**
 * ResourceStore.counts. Where the caller sees fewer Secrets than other rows (`within.secrets`), the
 * Secrets are counted apart, within where they are seen, and every other type as usual.
 */
export async function countResources(
  db: Kysely<Database>,
  types: ResourceTypes,
  filter: CountsFilter,
): Promise<ResourceCount[]> {
  const wanted = filter.types ? await types.resolve({ types: filter.types }) : undefined;
  const within = filter.within;
  if (!within?.secrets) return countWithin(db, types, filter.clusterIds, within, wanted);
  const { secrets: _secrets, ...rows } = within;
  const seen = narrowSecrets(narrow(filter.clusterIds, rows), within);
  if (seen === 'same') return countWithin(db, types, filter.clusterIds, rows, wanted);
  const ids = wanted ?? (await types.all()).map((type) => type.id);
  const secretIds: number[] = [];
  for (const id of ids) if (isSecretType(await types.known(id))) secretIds.push(id);
  const others = ids.filter((id) => !secretIds.includes(id));
  return [
    ...(others.length ? await countWithin(db, types, filter.clusterIds, rows, others) : []),
    ...(secretIds.length && seen.clusterIds?.length
      ? await countWithin(db, types, seen.clusterIds, withinOfNarrowed(seen), secretIds)
      : []),
  ];
}

function withinOfNarrowed(narrowed: Narrowed): Within {
  return {
    clusterIds: narrowed.wholeClusterIds ?? [],
    namespaces: [...(narrowed.namespaces ?? [])].flatMap(([clusterId, namespaces]) =>
      namespaces.map((namespace) => ({ clusterId, namespace })),
    ),
  };
}

/** Counts of `typeIds` (every type when undefined): whole clusters from the kept counts, pairs by their rows. */
async function countWithin(
  db: Kysely<Database>,
  types: ResourceTypes,
  queryClusterIds: string[] | undefined,
  within: Within | undefined,
  typeIds: number[] | undefined,
): Promise<ResourceCount[]> {
  const { clusterIds, wholeClusterIds, namespaces } = narrow(queryClusterIds, within);
  if (clusterIds?.length === 0) return [];
  if (typeIds?.length === 0) return [];
  const kept =
    wholeClusterIds?.length === 0
      ? []
      : await db
          .selectFrom('resource_counts as c')
          .innerJoin('resource_types as t', 't.id', 'c.type_id')
          .select([
            'c.cluster_id',
            'c.phase',
            'c.count',
            't.api_group',
            't.api_version',
            't.resource',
            't.kind',
          ])
          .where('c.count', '>', 0)
          .$if(wholeClusterIds !== undefined, (q) => q.where('c.cluster_id', 'in', wholeClusterIds ?? []))
          .$if(typeIds !== undefined, (q) => q.where('c.type_id', 'in', typeIds ?? []))
          .execute();
  const counted = kept.map((row) => ({ ...row, count: Number(row.count) }));
  if (namespaces) {
    // Namespace grants: their rows are counted, each (type, cluster, namespace) an index range.
    const ids = typeIds ?? (await types.all()).map((t) => t.id);
    const rows =
      ids.length === 0
        ? []
        : await db
            .selectFrom('resources')
            .innerJoin('resource_types as t', 't.id', 'resources.type_id')
            .select((eb) => [
              'resources.cluster_id',
              'resources.phase',
              eb.fn.countAll<number>().as('count'),
              't.api_group',
              't.api_version',
              't.resource',
              't.kind',
            ])
            .where('resources.type_id', 'in', ids)
            .where(withinCondition({ clusterIds, wholeClusterIds: [], namespaces }, 'resources'))
            .groupBy([
              'resources.cluster_id',
              'resources.type_id',
              'resources.phase',
              't.api_group',
              't.api_version',
              't.resource',
              't.kind',
            ])
            .execute();
    for (const row of rows) counted.push({ ...row, count: Number(row.count), phase: row.phase ?? '' });
  }
  return counted.map((row) => ({
    clusterId: row.cluster_id,
    group: row.api_group,
    version: row.api_version,
    resource: row.resource,
    kind: row.kind,
    phase: row.phase === '' ? null : row.phase,
    count: row.count,
  }));
}
