/**
 * Clusters Portolan created and their operations, in the database (migration 0022). The lifecycle
 * service (lifecycle/lifecycle-service.ts) shapes the documents; times are passed in, never read here.
 */
export interface StoredManagedCluster {
  name: string;
  provider: string;
  /** The ManagedClusterSpec as last applied (version and pools follow upgrades and pool changes). */
  spec: unknown;
  createdAt: Date;
  createdBy: string;
  snapshotSchedule: { cron: string; keep: number } | null;
  nextSnapshotAt: Date | null;
}

export interface StoredOperation {
  id: string;
  cluster: string;
  kind: string;
  state: string;
  createdAt: Date;
  /** The whole Operation as the API shows it, plus what its steps need to run again. */
  document: Record<string, unknown>;
}

export interface OperationPageQuery {
  cluster?: string;
  kind?: string;
  state?: string;
  /** Only these clusters (a caller's reach); all when absent. */
  clusters?: string[];
  limit: number;
  cursor?: string;
}

export interface LifecycleStore {
  /** False when a cluster of that name is recorded already. */
  insertCluster(cluster: StoredManagedCluster): Promise<boolean>;
  getCluster(name: string): Promise<StoredManagedCluster | undefined>;
  listClusters(): Promise<StoredManagedCluster[]>;
  updateSpec(name: string, spec: unknown): Promise<void>;
  setSchedule(
    name: string,
    schedule: StoredManagedCluster['snapshotSchedule'],
    next: Date | null,
  ): Promise<void>;
  /** Moves the schedule on, only if it still stands at `expected` (another replica may have taken it). */
  advanceSchedule(name: string, expected: Date, next: Date | null): Promise<boolean>;
  dueSnapshots(now: Date): Promise<StoredManagedCluster[]>;
  deleteCluster(name: string): Promise<void>;

  /** False when the cluster has a running operation already (one at a time per cluster). */
  insertOperation(operation: StoredOperation): Promise<boolean>;
  saveOperation(operation: StoredOperation): Promise<void>;
  getOperation(id: string): Promise<StoredOperation | undefined>;
  runningOperation(cluster: string): Promise<StoredOperation | undefined>;
  /** Every running operation, oldest first (the recovery sweep). */
  runningOperations(): Promise<StoredOperation[]>;
  latestOperation(cluster: string): Promise<StoredOperation | undefined>;
  listOperations(
    query: OperationPageQuery,
  ): Promise<{ items: StoredOperation[]; total: number; next?: string }>;
}
