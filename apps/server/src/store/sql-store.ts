import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createSqlAuditStore } from './audit-sql-store.ts';
import { ClusterTable } from './cluster-table.ts';
import { createSqlIamStore } from './iam-sql-store.ts';
import { ResourceSearch } from './resource-search.ts';
import { ResourceTypes } from './resource-types.ts';
import { type NameIndex, ResourceWriter } from './resource-writer.ts';
import type { Database } from './schema.ts';
import type { SearchDialect } from './search-plan.ts';
import type { PodRequestSum, ResourceCount, ResourceStore, Store } from './store.ts';
import { SyncStateTable } from './sync-state-table.ts';
import { narrow, withinCondition } from './within.ts';

/** What a dialect supplies; everything else is shared SQL. */
export interface SqlStoreParts {
  /** Writes go here; SQLite gives it its own connection so reads never queue behind a write. */
  write: Kysely<Database>;
  read: Kysely<Database>;
  names: NameIndex;
  search: SearchDialect;
  /** Called after each write with the rows it touched (Infinity for a relist), to refresh statistics. */
  afterWrite?: (rows: number) => Promise<void>;
  close(): Promise<void>;
  now?: () => number;
  newId?: () => string;
}

export function createSqlStore(parts: SqlStoreParts): Store {
  const now = parts.now ?? Date.now;
  const decodeJson = parts.search.decodeJson;
  const types = new ResourceTypes(parts.write);
  const readTypes = new ResourceTypes(parts.read);
  const writer = new ResourceWriter({ db: parts.write, types, names: parts.names, now });
  const search = new ResourceSearch({ db: parts.read, types: readTypes, dialect: parts.search });

  const resources: ResourceStore = {
    async applyChanges(clusterId, changes) {
      await writer.applyChanges(clusterId, changes);
      await parts.afterWrite?.(changes.length);
    },
    async replaceAll(clusterId, type, records, resourceVersion) {
      await writer.replaceAll(clusterId, type, records, resourceVersion);
      await parts.afterWrite?.(Number.POSITIVE_INFINITY);
    },
    purgeCluster: (clusterId) => writer.purgeCluster(clusterId),
    search: (query) => search.search(query),
    async get(clusterId, key) {
      const type = await readTypes.find(key);
      return type ? search.get(clusterId, type.id, key.namespace, key.name) : undefined;
    },
    async counts(filter = {}): Promise<ResourceCount[]> {
      const { clusterIds, wholeClusterIds, namespaces } = narrow(filter.clusterIds, filter.within);
      if (clusterIds?.length === 0) return [];
      const typeIds = filter.types ? await readTypes.resolve({ types: filter.types }) : undefined;
      if (typeIds?.length === 0) return [];
      const kept =
        wholeClusterIds?.length === 0
          ? []
          : await parts.read
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
        const ids = typeIds ?? (await readTypes.all()).map((t) => t.id);
        const rows =
          ids.length === 0
            ? []
            : await parts.read
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
    },
    async podRequests(filter = {}): Promise<PodRequestSum[]> {
      const narrowed = narrow(filter.clusterIds, filter.within);
      if (narrowed.clusterIds?.length === 0) return [];
      const rows = await parts.read
        .selectFrom('pod_requests')
        .selectAll()
        .where('pods', '>', 0)
        .$if(narrowed.clusterIds !== undefined, (q) => q.where('cluster_id', 'in', narrowed.clusterIds ?? []))
        .$if(narrowed.namespaces !== undefined, (q) => q.where(withinCondition(narrowed, 'pod_requests')))
        .orderBy('cluster_id')
        .orderBy('namespace')
        .execute();
      return rows.map((row) => ({
        clusterId: row.cluster_id,
        namespace: row.namespace,
        pods: Number(row.pods),
        cpuMillicores: Number(row.cpu_millicores),
        memoryBytes: Number(row.memory_bytes),
      }));
    },
  };

  return {
    clusters: new ClusterTable({
      db: parts.write,
      now,
      newId: parts.newId ?? randomUUID,
      decodeJson,
      purge: (id) => writer.purgeCluster(id),
    }),
    resources,
    syncStates: new SyncStateTable({ db: parts.write, types }),
    iam: createSqlIamStore({ db: parts.write, now }),
    audit: createSqlAuditStore({ db: parts.write }),
    close: () => parts.close(),
  };
}
