/**
 * Backup destinations, plans, backups and restores in the database (migration 0023). The service
 * (backups/backup-service.ts) shapes the JSON; times are passed in, never read here.
 */
export interface StoredDestination {
  name: string;
  type: 'folder' | 's3';
  /** The settings without the secret. */
  settings: Record<string, unknown>;
  /** The S3 secret key sealed with the store's credential cipher, or null. */
  sealedSecret: string | null;
  createdAt: Date;
}

export interface StoredPlan {
  name: string;
  cluster: string;
  destination: string;
  spec: Record<string, unknown>;
  createdBy: { id: string; name: string };
  createdAt: Date;
  nextRunAt: Date | null;
}

/** A backup or a restore: the columns filtered on, and the record the service shapes. */
export interface StoredRun {
  id: string;
  /** The plan (backups only; null for a restore or a plan-less backup). */
  plan: string | null;
  cluster: string;
  state: string;
  startedAt: Date;
  record: Record<string, unknown>;
}

export interface RunQuery {
  plan?: string;
  cluster?: string;
  state?: string;
}

export interface BackupStore {
  putDestination(destination: StoredDestination): Promise<boolean>;
  getDestination(name: string): Promise<StoredDestination | undefined>;
  listDestinations(): Promise<StoredDestination[]>;
  deleteDestination(name: string): Promise<boolean>;

  /** Creates or replaces; true when created (createdBy and createdAt are kept from the first save). */
  putPlan(plan: StoredPlan): Promise<boolean>;
  getPlan(name: string): Promise<StoredPlan | undefined>;
  listPlans(): Promise<StoredPlan[]>;
  deletePlan(name: string): Promise<boolean>;
  /** Plans whose schedule is due at `now`. */
  duePlans(now: Date): Promise<StoredPlan[]>;
  /** Moves the schedule on, only if it still stands at `expected` (another replica may have taken it). */
  advancePlan(name: string, expected: Date, next: Date | null): Promise<boolean>;

  putBackup(backup: StoredRun): Promise<void>;
  getBackup(id: string): Promise<StoredRun | undefined>;
  /** Newest first. */
  listBackups(query: RunQuery): Promise<StoredRun[]>;
  deleteBackup(id: string): Promise<boolean>;

  putRestore(restore: StoredRun, results?: unknown[]): Promise<void>;
  getRestore(id: string): Promise<StoredRun | undefined>;
  restoreResults(id: string): Promise<unknown[]>;
  /** Newest first. */
  listRestores(query: RunQuery): Promise<StoredRun[]>;
}
