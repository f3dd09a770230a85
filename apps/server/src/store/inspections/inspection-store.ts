/**
 * Inspection configurations and runs in the database (migration 0021). The service
 * (inspections/inspection-service.ts) is what the rest of the server uses; times are passed in,
 * never read here. Specs, summaries and findings are plain JSON the service shapes.
 */
export interface StoredInspectionConfig {
  name: string;
  cluster: string;
  spec: unknown;
  createdBy: string;
  updatedBy: string;
  updatedAt: Date;
  /** When its schedule next fires; null without a schedule. */
  nextRunAt: Date | null;
}

export type InspectionRunState = 'running' | 'succeeded' | 'failed';

export interface StoredInspectionRun {
  id: string;
  config: string;
  cluster: string;
  state: InspectionRunState;
  trigger: 'manual' | 'schedule';
  startedBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  /** durationMs, objects, scores: what a list of runs shows. */
  summary: Record<string, unknown>;
}

export interface InspectionRunPageQuery {
  config?: string;
  cluster?: string;
  cursor?: string;
  limit: number;
}

export interface InspectionStore {
  /** Creates or replaces; true when it was created. createdBy is kept from the first save. */
  putConfig(config: StoredInspectionConfig): Promise<boolean>;
  getConfig(name: string): Promise<StoredInspectionConfig | undefined>;
  listConfigs(): Promise<StoredInspectionConfig[]>;
  /** Removes the configuration and its runs; false when there was none. */
  deleteConfig(name: string): Promise<boolean>;
  /** Moves the schedule on, only if it still stands at `expected` (another replica may have taken it). */
  advanceSchedule(name: string, expected: Date, next: Date | null): Promise<boolean>;
  /** Configurations whose schedule is due at `now`. */
  dueConfigs(now: Date): Promise<StoredInspectionConfig[]>;

  insertRun(run: StoredInspectionRun): Promise<void>;
  /** Ends a run with its summary and findings. */
  finishRun(run: StoredInspectionRun, findings: unknown[]): Promise<void>;
  getRun(id: string): Promise<(StoredInspectionRun & { findings: unknown[] }) | undefined>;
  /** Newest first; `next` continues below the page's last run. */
  listRuns(query: InspectionRunPageQuery): Promise<{ items: StoredInspectionRun[]; next?: string }>;
  /** The newest run of each named configuration. */
  latestRuns(configs: string[]): Promise<Map<string, StoredInspectionRun>>;
  /** Keeps the configuration's newest `keep` runs; returns how many went. */
  pruneRuns(config: string, keep: number): Promise<number>;
  /** Runs left `running` by a replica that died before `before`: ended as failed with the reason. */
  failStaleRuns(before: Date, reason: string, at: Date): Promise<number>;
}
