import { recordFromObject } from '../resources/resource-record.ts';
import type { GroupVersionResource, ResourceChange, ResourceRecord, Store } from '../store.ts';

/**
 * A fresh, empty database of one dialect; `open` may be called again to reopen the same database.
 * Here rather than beside storeSuite, so the suites it runs can name it without importing it back.
 */
export interface Backend {
  open(options?: { now?: () => number }): Promise<Store>;
  /** Runs SQL statements on the database, in one transaction, with no store open. */
  exec(...statements: string[]): Promise<void>;
  destroy(): Promise<void>;
}

/** Kubernetes-shaped objects for the store tests and benchmark. */
export const PODS: GroupVersionResource = { group: '', version: 'v1', resource: 'pods' };
export const NODES: GroupVersionResource = { group: '', version: 'v1', resource: 'nodes' };
export const DEPLOYMENTS: GroupVersionResource = { group: 'apps', version: 'v1', resource: 'deployments' };

export interface PodSpec {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  phase?: string;
  node?: string;
  owner?: string;
  created?: string;
  resourceVersion?: string;
  /** Requests of each app container (default: one container requesting nothing). */
  requests?: Array<Record<string, string>>;
  /** Init containers; `sidecar` ones have restartPolicy Always. */
  initContainers?: Array<{ requests: Record<string, string>; sidecar?: boolean }>;
  overhead?: Record<string, string>;
}

export function podRecord(spec: PodSpec): ResourceRecord {
  return recordFromObject(PODS, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: spec.namespace,
      name: spec.name,
      uid: `uid-${spec.namespace}-${spec.name}`,
      resourceVersion: spec.resourceVersion ?? '1',
      creationTimestamp: spec.created ?? '2025-01-01T00:00:00Z',
      labels: spec.labels ?? {},
      ...(spec.owner && {
        ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', uid: spec.owner, controller: true }],
      }),
      managedFields: [{ manager: 'kubectl' }],
    },
    spec: {
      nodeName: spec.node,
      containers: (spec.requests ?? [undefined]).map((requests, i) => ({
        name: i === 0 ? 'main' : `c${i}`,
        image: 'busybox',
        ...(requests && { resources: { requests } }),
      })),
      ...(spec.initContainers && {
        initContainers: spec.initContainers.map((init, i) => ({
          name: `init${i}`,
          image: 'busybox',
          resources: { requests: init.requests },
          ...(init.sidecar && { restartPolicy: 'Always' }),
        })),
      }),
      ...(spec.overhead && { overhead: spec.overhead }),
    },
    status: { phase: spec.phase ?? 'Running' },
  });
}

export function nodeRecord(name: string, ready: boolean): ResourceRecord {
  return recordFromObject(NODES, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-node-${name}`,
      resourceVersion: '1',
      creationTimestamp: '2025-01-01T00:00:00Z',
    },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  });
}

export const NAMESPACES: GroupVersionResource = { group: '', version: 'v1', resource: 'namespaces' };

export function namespaceRecord(name: string): ResourceRecord {
  return recordFromObject(NAMESPACES, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: `uid-ns-${name}`,
      resourceVersion: '1',
      creationTimestamp: '2025-01-01T00:00:00Z',
    },
    status: { phase: 'Active' },
  });
}

export const upsert = (record: ResourceRecord): ResourceChange => ({ type: 'upsert', record });
export const remove = (record: ResourceRecord): ResourceChange => ({
  type: 'delete',
  key: {
    group: record.group,
    version: record.version,
    resource: record.resource,
    namespace: record.namespace,
    name: record.name,
  },
});

/**
 * SQL that takes a migrated database back to the schema of migration 0012, for tests that replay a
 * later migration: every migration after 0012 is undone here, newest first (add each new one).
 */
export const UNDO_AFTER_0012 = [
  // 0030 adds the code and values of an alert event's detail.
  'alter table alert_events drop column detail_params',
  'alter table alert_events drop column detail_code',
  `delete from kysely_migration where name = '0030-alert-event-codes'`,
  // 0029 adds the code and values of a failed job's reason.
  'alter table jobs drop column error_params',
  'alter table jobs drop column error_code',
  `delete from kysely_migration where name = '0029-job-error-codes'`,
  // 0028 adds the code and values of an alert's own text.
  'alter table alerts drop column text_params',
  'alter table alerts drop column text_code',
  `delete from kysely_migration where name = '0028-alert-text-codes'`,
  // 0027 adds the reasons' and events' codes and values to the propagation and import tables.
  'alter table multicluster_service_imports drop column reason_params',
  'alter table multicluster_service_imports drop column reason_code',
  'alter table propagation_events drop column message_params',
  'alter table propagation_events drop column message_code',
  'alter table propagation_objects drop column reason_params',
  'alter table propagation_objects drop column reason_code',
  'alter table propagation_targets drop column reason_params',
  'alter table propagation_targets drop column reason_code',
  `delete from kysely_migration where name = '0027-propagation-reason-codes'`,
  // 0026 adds the error's code and values to sync_states.
  'alter table sync_states drop column reason_params',
  'alter table sync_states drop column reason_code',
  `delete from kysely_migration where name = '0026-sync-reason-codes'`,
  // 0025 adds the reason's code and values to clusters.
  'alter table clusters drop column reason_params',
  'alter table clusters drop column reason_code',
  `delete from kysely_migration where name = '0025-cluster-reason-codes'`,
  // 0024 adds indexes on PostgreSQL only (its emptied label rows are not brought back).
  'drop index if exists resources_labels',
  'drop index if exists resources_label_keys',
  `delete from kysely_migration where name = '0024-label-index'`,
  'drop table restores',
  'drop table backups',
  'drop table backup_plans',
  'drop table backup_destinations',
  `delete from kysely_migration where name = '0023-backups'`,
  'drop table lifecycle_operations',
  'drop table lifecycle_clusters',
  `delete from kysely_migration where name = '0022-lifecycle'`,
  'drop table metrics_sources',
  'drop table metrics_engine',
  `delete from kysely_migration where name = '0018-metrics-engine'`,
  'drop table silences',
  'drop table alert_events',
  'drop table alerts',
  'drop table alert_rules',
  `delete from kysely_migration where name = '0019-alerting'`,
  'drop table inspection_runs',
  'drop table inspection_configs',
  `delete from kysely_migration where name = '0021-inspections'`,
  'drop table notification_groups',
  'drop table notification_deliveries',
  'drop table notification_policies',
  'drop table notification_receivers',
  `delete from kysely_migration where name = '0020-notifications'`,
  'drop table multicluster_service_imports',
  'drop table multicluster_services',
  `delete from kysely_migration where name = '0017-multicluster-services'`,
  'drop table propagation_events',
  'drop table propagation_objects',
  'drop table propagation_targets',
  'drop table propagations',
  `delete from kysely_migration where name = '0016-propagations'`,
  'drop table terminal_sessions',
  `delete from kysely_migration where name = '0015-terminal-sessions'`,
  'drop table chart_versions',
  'drop table chart_repositories',
  `delete from kysely_migration where name = '0014-chart-repositories'`,
  'drop table job_steps',
  'drop table jobs',
  `delete from kysely_migration where name = '0013-jobs'`,
];

/**
 * The statements of UNDO_AFTER_0012 that take a database back to just after `migration` (its full
 * name, such as '0024-label-index'): those of every newer migration, newest first.
 */
export function undoAfter(migration: string): string[] {
  let end = 0;
  for (const [i, statement] of UNDO_AFTER_0012.entries()) {
    const undone = /kysely_migration where name = '([^']+)'/.exec(statement)?.[1];
    if (undone !== undefined && undone > migration) end = i + 1;
  }
  return UNDO_AFTER_0012.slice(0, end);
}

/** Back to just after migration 0006, for tests that replay an older migration. */
export const UNDO_AFTER_0006 = [
  ...UNDO_AFTER_0012,
  // 0012 (workload words) only blanks versions, which running it again does too.
  `delete from kysely_migration where name = '0012-workload-health-words'`,
  // 0011 (objects kept inline) only sets a column's storage, which any later run sets again.
  `delete from kysely_migration where name = '0011-objects-inline'`,
  'drop index if exists resources_by_place_name',
  `delete from kysely_migration where name = '0010-place-name-index'`,
  // 0009 (objects as text) runs again on either column type; only its record goes.
  `delete from kysely_migration where name = '0009-objects-as-text'`,
  'drop index resources_by_place_created',
  `delete from kysely_migration where name = '0008-place-created-index'`,
  'drop table leases',
  'drop table replicas',
  `delete from kysely_migration where name = '0007-replica-leases'`,
];
