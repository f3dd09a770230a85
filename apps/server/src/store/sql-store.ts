import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type AlertingDatabase, createSqlAlertingStore } from './alerting/alerting-sql-store.ts';
import { createSqlAuditStore } from './audit/audit-sql-store.ts';
import { type BackupDatabase, createSqlBackupStore } from './backups/backup-sql-store.ts';
import { ClusterTable } from './clusters/cluster-table.ts';
import { SyncStateTable } from './clusters/sync-state-table.ts';
import { createSqlHelmStore, type HelmDatabase } from './helm/helm-sql-store.ts';
import { createSqlIamStore } from './iam/iam-sql-store.ts';
import { createSqlInspectionStore, type InspectionDatabase } from './inspections/inspection-sql-store.ts';
import { createSqlJobStore } from './jobs/job-sql-store.ts';
import { createSqlLifecycleStore, type LifecycleDatabase } from './lifecycle/lifecycle-sql-store.ts';
import { createSqlMonitoringStore, type MonitoringDatabase } from './monitoring/monitoring-sql-store.ts';
import {
  createSqlMultiClusterServiceStore,
  type MultiClusterServiceDatabase,
} from './multicluster-services/mcs-sql-store.ts';
import {
  createSqlNotificationStore,
  type NotificationDatabase,
} from './notifications/notification-sql-store.ts';
import { createSqlPropagationStore, type PropagationDatabase } from './propagations/propagation-sql-store.ts';
import { leaseGuard } from './replicas/lease-guard.ts';
import { createSqlReplicaStore } from './replicas/replica-sql-store.ts';
import { countResources } from './resources/resource-counts.ts';
import { ResourceSearch } from './resources/resource-search.ts';
import { ResourceTypes } from './resources/resource-types.ts';
import { type NameIndex, ResourceWriter } from './resources/resource-writer.ts';
import type { RowWrites } from './resources/row-writes.ts';
import type { SearchDialect } from './resources/search-plan.ts';
import { narrow, withinCondition } from './resources/within.ts';
import type { Database } from './schema.ts';
import type { PodRequestSum, ResourceStore, Store } from './store.ts';
import { createSqlTerminalStore, type TerminalDatabase } from './terminals/terminal-sql-store.ts';

/** What a dialect supplies; everything else is shared SQL. */
export interface SqlStoreParts {
  /** Writes go here; SQLite gives it its own connection so reads never queue behind a write. */
  write: Kysely<Database>;
  read: Kysely<Database>;
  names: NameIndex;
  /** The dialect's bulk form of row writes, where it has one (PostgreSQL's arrays). */
  rows?: RowWrites;
  search: SearchDialect;
  /** Called after each write with the rows it touched (Infinity for a relist), to refresh statistics. */
  afterWrite?: (rows: number) => Promise<void>;
  /** Fenced writes lock their lease row for share (PostgreSQL, where replicas write at once). */
  lockLeases?: boolean;
  close(): Promise<void>;
  now?: () => number;
  newId?: () => string;
}

export function createSqlStore(parts: SqlStoreParts): Store {
  const now = parts.now ?? Date.now;
  const decodeJson = parts.search.decodeJson;
  const types = new ResourceTypes(parts.write);
  const readTypes = new ResourceTypes(parts.read);
  const writer = new ResourceWriter({ db: parts.write, types, names: parts.names, now, rows: parts.rows });
  const search = new ResourceSearch({ db: parts.read, types: readTypes, dialect: parts.search });

  /** The resource writes through `writer`; everything else is the same for fenced and plain writes. */
  const writesOf = (
    writer: ResourceWriter,
  ): Pick<ResourceStore, 'applyChanges' | 'replaceAll' | 'purgeCluster'> => ({
    async applyChanges(clusterId, changes) {
      await writer.applyChanges(clusterId, changes);
      await parts.afterWrite?.(changes.length);
    },
    async replaceAll(clusterId, type, records, resourceVersion) {
      await writer.replaceAll(clusterId, type, records, resourceVersion);
      await parts.afterWrite?.(Number.POSITIVE_INFINITY);
    },
    purgeCluster: (clusterId) => writer.purgeCluster(clusterId),
  });

  const resources: ResourceStore = {
    ...writesOf(writer),
    search: (query) => search.search(query),
    async get(clusterId, key) {
      const type = await readTypes.find(key);
      return type ? search.get(clusterId, type.id, key.namespace, key.name) : undefined;
    },
    counts: (filter = {}) => countResources(parts.read, readTypes, filter),
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
    helm: createSqlHelmStore(parts.write.withTables<HelmDatabase>(), { now }),
    replicas: createSqlReplicaStore(parts.write),
    jobs: createSqlJobStore(parts.write),
    terminals: createSqlTerminalStore(parts.write.withTables<TerminalDatabase>()),
    multiClusterServices: createSqlMultiClusterServiceStore(
      parts.write.withTables<MultiClusterServiceDatabase>(),
    ),
    propagations: createSqlPropagationStore(parts.write.withTables<PropagationDatabase>()),
    monitoring: createSqlMonitoringStore(parts.write.withTables<MonitoringDatabase>()),
    alerting: createSqlAlertingStore(parts.write.withTables<AlertingDatabase>()),
    inspections: createSqlInspectionStore(parts.write.withTables<InspectionDatabase>()),
    lifecycle: createSqlLifecycleStore(parts.write.withTables<LifecycleDatabase>()),
    backups: createSqlBackupStore(parts.write.withTables<BackupDatabase>()),
    notifications: createSqlNotificationStore(parts.write.withTables<NotificationDatabase>()),
    fencedWrites(fence) {
      const guard = leaseGuard(fence, parts.lockLeases ?? false);
      const fenced = new ResourceWriter({
        db: parts.write,
        types,
        names: parts.names,
        now,
        guard,
        rows: parts.rows,
      });
      return {
        resources: { ...resources, ...writesOf(fenced) },
        syncStates: new SyncStateTable({ db: parts.write, types, guard }),
      };
    },
    close: () => parts.close(),
  };
}
