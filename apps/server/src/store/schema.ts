import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely's view of the tables (see migrations.ts). Times are epoch milliseconds in both dialects so
 * that sorting and keyset comparisons are plain number comparisons. JSON columns are text in SQLite
 * and jsonb in PostgreSQL: written as text, read back as text or already parsed.
 */
type Json = ColumnType<unknown, string, string>;

export interface Database {
  clusters: ClustersTable;
  resource_types: ResourceTypesTable;
  resources: ResourcesTable;
  resource_labels: ResourceLabelsTable;
  resource_counts: ResourceCountsTable;
  sync_states: SyncStatesTable;
}

export interface ClustersTable {
  id: string;
  name: string;
  display_name: string;
  description: string;
  labels: Json;
  server_url: string;
  credentials: Uint8Array;
  created_at: number;
  updated_at: number;
  status: string;
  reason: string | null;
  last_seen_at: number | null;
  probe_latency_ms: number | null;
  version: string | null;
  platform: string | null;
  node_count: number | null;
}

/** One row per (group, version, resource): rows refer to it by a small integer, which keeps indexes small. */
export interface ResourceTypesTable {
  id: Generated<number>;
  api_group: string;
  api_version: string;
  resource: string;
  kind: string;
}

export interface ResourcesTable {
  id: Generated<number>;
  cluster_id: string;
  type_id: number;
  namespace: string;
  name: string;
  uid: string;
  resource_version: string;
  labels: Json;
  owner_uid: string | null;
  node_name: string | null;
  phase: string | null;
  created_at: number;
  object: Json;
  synced_at: number;
}

/**
 * One row per label of a resource row, so selectors are index lookups rather than JSON scans. Type and
 * cluster are repeated from the row so that counting a label's matches never reads the rows.
 */
export interface ResourceLabelsTable {
  row_id: number;
  type_id: number;
  cluster_id: string;
  key: string;
  value: string;
}

/** Rows per (cluster, type, phase), maintained in the same transaction as the rows ('' = no phase). */
export interface ResourceCountsTable {
  cluster_id: string;
  type_id: number;
  phase: string;
  count: number;
}

export interface SyncStatesTable {
  cluster_id: string;
  type_id: number;
  resource_version: string | null;
  last_event_at: number | null;
  lag_ms: number | null;
  error: string | null;
}
