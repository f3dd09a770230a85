import type { AlertingStore } from './alerting/alerting-store.ts';
import type { AuditStore } from './audit/audit-store.ts';
import type { BackupStore } from './backups/backup-store.ts';
import type {
  ClusterReasonCode,
  ClusterReasonParams,
  ClusterReasonUpdate,
} from './clusters/cluster-health.ts';
import type { SyncReasonCode, SyncReasonParams, SyncStateUpdate } from './clusters/sync-state.ts';
import type { HelmStore } from './helm/helm-store.ts';
import type { IamStore } from './iam/iam-store.ts';
import type { InspectionStore } from './inspections/inspection-store.ts';
import type { JobStore } from './jobs/job-store.ts';
import type { LifecycleStore } from './lifecycle/lifecycle-store.ts';
import type { MonitoringStore } from './monitoring/monitoring-store.ts';
import type { MultiClusterServiceStore } from './multicluster-services/mcs-store.ts';
import type { NotificationStore } from './notifications/notification-store.ts';
import type { PropagationStore } from './propagations/propagation-store.ts';
import type { WriteFence } from './replicas/lease-guard.ts';
import type { ReplicaStore } from './replicas/replica-store.ts';
import type { LabelRequirement } from './resources/labels.ts';
import type { TerminalStore } from './terminals/terminal-store.ts';

/** The store's contract: everything the rest of the server reads and writes. SQL lives behind it. */
export interface Store {
  clusters: ClusterStore;
  resources: ResourceStore;
  syncStates: SyncStateStore;
  /** Users, groups, workspaces, bindings, sessions, tokens (the identity issue). */
  iam: IamStore;
  audit: AuditStore;
  /** Chart repositories and the chart versions of their last good index (helm/catalogue.ts). */
  helm: HelmStore;
  /** Servers sharing this database and the leases that split their work. */
  replicas: ReplicaStore;
  /** Recorded long actions and their steps (jobs/jobs.ts). */
  jobs: JobStore;
  /** Web terminal sessions, open and ended (terminals/terminal-sessions.ts). */
  terminals: TerminalStore;
  /** MultiClusterService documents and their imports (propagation/services/). */
  multiClusterServices: MultiClusterServiceStore;
  /** Multi-cluster applications: documents, target states, ownership, events (propagation/engine/). */
  propagations: PropagationStore;
  /** The managed metrics engine's address and clusters' external metrics sources (monitoring/engine/). */
  monitoring: MonitoringStore;
  /** Alert rules, alerts with their timelines, silences (alerting/rules/). */
  alerting: AlertingStore;
  /** Inspection configurations and their runs (inspections/). */
  inspections: InspectionStore;
  /** Clusters Portolan created and their lifecycle operations (lifecycle/). */
  lifecycle: LifecycleStore;
  /** Backup destinations, plans, backups and restores (backups/). */
  backups: BackupStore;
  /** Notification receivers, policies, deliveries and the dispatcher's groups (alerting/notify/). */
  notifications: NotificationStore;
  /**
   * Resource and sync-state writes made under a lease: every write transaction first checks that the
   * lease is still held under its generation (on PostgreSQL locking the lease row until it commits)
   * and throws LeaseLostError, writing nothing, when it is not. Reads are the plain store's.
   */
  fencedWrites(fence: WriteFence): { resources: ResourceStore; syncStates: SyncStateStore };
  close(): Promise<void>;
}

export type ClusterStatus = 'Ready' | 'Offline' | 'Unknown';

export interface ClusterHealth {
  status: ClusterStatus;
  reason: string | null;
  /** The reason's code and values (migration 0025); null when there is no reason, or none was kept. */
  reasonCode: ClusterReasonCode | null;
  reasonParams: ClusterReasonParams | null;
  lastSeenAt: Date | null;
  probeLatencyMs: number | null;
  version: string | null;
  platform: string | null;
  nodeCount: number | null;
}

export interface ClusterInput {
  name: string;
  displayName?: string;
  description?: string;
  labels?: Record<string, string>;
  serverUrl: string;
  /** Encrypted by the caller; the store keeps the bytes as they are. */
  credentials: Uint8Array;
}

export interface Cluster extends Required<ClusterInput>, ClusterHealth {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ClusterStore {
  create(input: ClusterInput): Promise<Cluster>;
  get(id: string): Promise<Cluster | undefined>;
  getByName(name: string): Promise<Cluster | undefined>;
  list(): Promise<Cluster[]>;
  update(id: string, patch: Partial<ClusterInput>): Promise<Cluster>;
  /** A reason goes with its code and values (ClusterReasonUpdate); the store refuses words alone. */
  setHealth(
    id: string,
    health: Partial<Omit<ClusterHealth, 'reason' | 'reasonCode' | 'reasonParams'>> & ClusterReasonUpdate,
  ): Promise<void>;
  /** Removes the cluster and purges its resource rows, counts and sync states. */
  delete(id: string): Promise<void>;
}

export interface GroupVersionResource {
  group: string; // '' for the core group
  version: string;
  resource: string; // plural, e.g. 'pods'
}

/** What the store keeps of one Kubernetes object; build it with recordFromObject. */
export interface ResourceRecord extends GroupVersionResource {
  kind: string;
  namespace: string; // '' when cluster-scoped
  name: string;
  uid: string;
  resourceVersion: string;
  labels: Record<string, string>;
  ownerUid: string | null;
  nodeName: string | null;
  phase: string | null;
  createdAt: Date | null;
  /** The object with managedFields stripped. */
  object: unknown;
}

export type ResourceKey = GroupVersionResource & { namespace: string; name: string };

export type ResourceChange =
  | { type: 'upsert'; record: ResourceRecord }
  | { type: 'delete'; key: ResourceKey };

export interface StoredResource extends ResourceRecord {
  clusterId: string;
  syncedAt: Date;
  /** The object as JSON text, when the search asked for `objects: 'json'` (then `object` is null). */
  objectJson?: string;
}

/**
 * How a search returns each row's object: parsed (the default), as its stored JSON text in
 * `objectJson` (to write into an answer without parsing it), or not at all (`object` is null).
 */
export type SearchObjects = 'decoded' | 'json' | 'none';

export interface ResourceStore {
  /** Applies upserts and deletes in one transaction, with counts kept in step. */
  applyChanges(clusterId: string, changes: ResourceChange[]): Promise<void>;
  /** A relist: afterwards the rows of (cluster, type) are exactly `records`; records its resourceVersion. */
  replaceAll(
    clusterId: string,
    type: GroupVersionResource,
    records: Iterable<ResourceRecord> | AsyncIterable<ResourceRecord>,
    resourceVersion: string,
  ): Promise<void>;
  purgeCluster(clusterId: string): Promise<void>;
  get(clusterId: string, key: ResourceKey): Promise<StoredResource | undefined>;
  search(query: SearchQuery): Promise<SearchPage>;
  /**
   * Row counts by (cluster, type, phase), kept up to date as rows change. With `within`, rows of the
   * namespace grants are counted from the rows themselves (a namespace's rows, through an index);
   * whole clusters still come from the kept counts. `types` narrows to those types (any version).
   */
  counts(filter?: {
    clusterIds?: string[];
    within?: Within;
    types?: Array<Pick<GroupVersionResource, 'group' | 'resource'>>;
  }): Promise<ResourceCount[]>;
  /**
   * CPU and memory requests of the pods that hold them (phase neither Succeeded nor Failed), per
   * (cluster, namespace), kept up to date as pod rows change; namespaces without such pods are absent.
   */
  podRequests(filter?: { clusterIds?: string[]; within?: Within }): Promise<PodRequestSum[]>;
}

/** Whole clusters and (cluster, namespace) pairs, by cluster id. */
export interface WithinScopes {
  clusterIds: string[];
  namespaces: Array<{ clusterId: string; namespace: string }>;
}

/**
 * A restriction to what a caller may see: every row of the whole clusters, or rows in exactly the
 * listed (cluster, namespace) pairs. Cluster-scoped rows (namespace '') are never seen through a pair.
 * Empty lists see nothing.
 */
export interface Within extends WithinScopes {
  /**
   * Every row of every cluster, clusters added later too (then clusterIds and namespaces add
   * nothing): for a caller who sees everything but some Secrets.
   */
  everyCluster?: boolean;
  /**
   * Where core Secrets are seen, when that is less than the rest (a role that cannot list Secrets on
   * the member cluster sees none in the store); only within the rest. Absent: wherever the rest is.
   */
  secrets?: WithinScopes;
}

export interface PodRequestSum {
  clusterId: string;
  namespace: string;
  /** Pods holding requests (not Succeeded or Failed), including those requesting nothing. */
  pods: number;
  cpuMillicores: number;
  memoryBytes: number;
}

export type SortField = 'name' | 'created' | 'namespace' | 'cluster';

export interface SearchQuery {
  clusterIds?: string[];
  /** Several types in one query; a type without version matches every stored version. */
  types?: Array<Omit<GroupVersionResource, 'version'> & { version?: string }>;
  kinds?: string[];
  namespaces?: string[];
  labelSelector?: string | LabelRequirement[];
  name?: string;
  nameContains?: string;
  ownerUid?: string;
  nodeName?: string;
  phases?: string[];
  /** Only objects whose top-level `reason` is this (events): read from the stored object. */
  reason?: string;
  /** Only rows the caller may see; combines with the other filters (AND). */
  within?: Within;
  sort?: SortField;
  order?: 'asc' | 'desc';
  limit?: number;
  continue?: string;
  /** How each row's object comes back; not part of what a continue token is bound to. */
  objects?: SearchObjects;
}

export interface SearchPage {
  items: StoredResource[];
  /** Present when more rows follow; pass it back with the same query. */
  continue?: string;
  /** Rows after this page: exact up to 10,000, beyond that an estimate. */
  remaining: number;
  estimated: boolean;
}

export interface ResourceCount extends GroupVersionResource {
  clusterId: string;
  kind: string;
  phase: string | null;
  count: number;
}

export interface SyncState {
  resourceVersion: string | null;
  /** Derived from the counts, so it never disagrees with the rows. */
  objectCount: number;
  lastEventAt: Date | null;
  lagMs: number | null;
  error: string | null;
  /** Why it failed, as a code and values the console words (migration 0026); null with no error. */
  reasonCode: SyncReasonCode | null;
  reasonParams: SyncReasonParams | null;
}

export interface SyncStateStore {
  get(clusterId: string, type: GroupVersionResource): Promise<SyncState | undefined>;
  /** Merges the fields given; an error is set with its code and values, or cleared with null. */
  put(clusterId: string, type: GroupVersionResource, state: SyncStateUpdate): Promise<void>;
  /** Every state, or one cluster's; `types` keeps only the states of those (any version). */
  list(
    clusterId?: string,
    types?: Array<{ group: string; resource: string }>,
  ): Promise<Array<SyncState & GroupVersionResource & { clusterId: string }>>;
}

/** Failures the caller can act on; the message says what to do, `field` names the request's part at fault. */
export class StoreError extends Error {
  override name = 'StoreError';
  readonly code: 'conflict' | 'not-found' | 'invalid';
  readonly field: string | undefined;
  constructor(code: StoreError['code'], message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}
