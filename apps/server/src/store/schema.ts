import type { ColumnType, Generated } from 'kysely';
import type { JobTables } from './jobs/job-tables.ts';

/**
 * Kysely's view of the tables (see migrations/). Times are epoch milliseconds in both dialects so
 * that sorting and keyset comparisons are plain number comparisons. JSON columns are text in SQLite
 * and jsonb in PostgreSQL: written as text, read back as text or already parsed.
 */
type Json = ColumnType<unknown, string, string>;

export interface Database extends JobTables {
  clusters: ClustersTable;
  resource_types: ResourceTypesTable;
  resources: ResourcesTable;
  resource_objects: ResourceObjectsTable;
  resource_labels: ResourceLabelsTable;
  resource_counts: ResourceCountsTable;
  resource_namespace_counts: ResourceNamespaceCountsTable;
  pod_requests: PodRequestsTable;
  sync_states: SyncStatesTable;
  iam_users: IamUsersTable;
  iam_groups: IamGroupsTable;
  iam_group_members: IamGroupMembersTable;
  iam_workspaces: IamWorkspacesTable;
  iam_workspace_namespaces: IamWorkspaceNamespacesTable;
  iam_role_bindings: IamRoleBindingsTable;
  iam_sessions: IamSessionsTable;
  iam_api_tokens: IamApiTokensTable;
  iam_login_throttles: IamLoginThrottlesTable;
  iam_oidc_logins: IamOidcLoginsTable;
  audit_records: AuditRecordsTable;
  replicas: ReplicasTable;
  leases: LeasesTable;
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
  /** Migration 0025: the reason's code and its values as JSON text. */
  reason_code: string | null;
  reason_params: string | null;
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
  synced_at: number;
  /** A pod's effective CPU request in millicores (migration 0003); null for other kinds, and 0 alike. */
  cpu_request: ColumnType<number | null, number | null | undefined, number | null>;
  /** A pod's effective memory request in bytes (migration 0003); null for other kinds. */
  memory_request: ColumnType<number | null, number | null | undefined, number | null>;
}

/**
 * Each row's object, by row id (migration 0005: kept apart, so resources stays small). Text in both
 * dialects since migration 0009: PostgreSQL returns it as text, the decoder parses it.
 */
export interface ResourceObjectsTable {
  id: number;
  object: Json;
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

/** Rows per (type, namespace, cluster, phase), kept like resource_counts (migration 0004). */
export interface ResourceNamespaceCountsTable {
  type_id: number;
  namespace: string;
  cluster_id: string;
  phase: string;
  count: number;
}

/**
 * Requests of the pods that hold them (not Succeeded or Failed) per (cluster, namespace), maintained in
 * the same transaction as the pod rows (migration 0003). A namespace with none has no row.
 */
export interface PodRequestsTable {
  cluster_id: string;
  namespace: string;
  pods: number;
  cpu_millicores: number;
  memory_bytes: number;
}

export interface SyncStatesTable {
  cluster_id: string;
  type_id: number;
  resource_version: string | null;
  last_event_at: number | null;
  lag_ms: number | null;
  error: string | null;
  /** Migration 0026: why the sync failed, as a code and its values (JSON text); null with no error. */
  reason_code: string | null;
  reason_params: string | null;
}

/** Identity tables (migration 0002); booleans are 0/1 and lists JSON text in both dialects. */
export interface IamUsersTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  source: string;
  password_hash: string | null;
  oidc_subject: string | null;
  disabled: number;
  external_groups: string;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

export interface IamGroupsTable {
  name: string;
  description: string;
  created_at: number;
}

export interface IamGroupMembersTable {
  group_name: string;
  user_id: string;
}

export interface IamWorkspacesTable {
  name: string;
  description: string;
  created_at: number;
}

export interface IamWorkspaceNamespacesTable {
  cluster: string;
  namespace: string;
  workspace: string;
}

/** Scope columns that do not apply to the level are ''. */
export interface IamRoleBindingsTable {
  id: string;
  subject_kind: string;
  subject_name: string;
  role: string;
  level: string;
  workspace: string;
  cluster: string;
  namespace: string;
  created_at: number;
}

export interface IamSessionsTable {
  id_hash: string;
  user_id: string;
  method: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  source_ip: string;
  user_agent: string;
}

export interface IamApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  scopes: string;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface IamLoginThrottlesTable {
  key: string;
  failures: number;
  last_failure_at: number;
  previous_failure_at: number | null;
}

export interface IamOidcLoginsTable {
  state_hash: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  expires_at: number;
}

export interface AuditRecordsTable {
  id: Generated<number>;
  at: number;
  actor: string | null;
  credential: string | null;
  source_ip: string | null;
  user_agent: string | null;
  action: string;
  verb: string;
  route: string;
  resource_kind: string | null;
  resource_name: string | null;
  cluster: string | null;
  namespace: string | null;
  outcome: string;
  status: number;
  detail: string | null;
}

export interface ReplicasTable {
  id: string;
  address: string;
  started_at: number;
  heartbeat_at: number;
}

export interface LeasesTable {
  name: string;
  owner: string;
  generation: number;
  acquired_at: number;
  renewed_at: number;
  expires_at: number;
}
