/** What the managed metrics engine runs with, as recorded for every replica to read. */
export interface EngineSettings {
  retention: string;
  retentionBytes: number;
  sampleLimit: number;
  scrapeIntervalSeconds: number;
}

/** The running managed engine: where it answers and which replica runs it (migration 0018). */
export interface EngineRecord {
  address: string;
  replica: string;
  version: string | null;
  settings: EngineSettings;
  startedAt: Date;
  updatedAt: Date;
}

/** A cluster's external Prometheus-compatible engine; the token stays sealed here. */
export interface StoredMetricsSource {
  clusterId: string;
  url: string;
  clusterLabel: string;
  /** Absent: that engine holds this cluster's series only, without a label naming it. */
  clusterValue: string | null;
  sealedToken: string | null;
  skipTlsVerify: boolean;
  updatedBy: string;
  updatedAt: Date;
}

export interface MonitoringStore {
  engine(): Promise<EngineRecord | undefined>;
  /** Records the engine this replica started (replacing any earlier record). */
  recordEngine(record: EngineRecord): Promise<void>;
  /** Forgets the record, only if `replica` still owns it (a new owner's record stays). */
  forgetEngine(replica: string): Promise<void>;
  sources(): Promise<StoredMetricsSource[]>;
  source(clusterId: string): Promise<StoredMetricsSource | undefined>;
  putSource(source: StoredMetricsSource): Promise<void>;
  removeSource(clusterId: string): Promise<void>;
}
