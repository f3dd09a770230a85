import type { McsWording, MultiClusterServiceDocument } from '@portolan/api';

/** One ready pod an exporting cluster offers. */
export interface ExportedEndpoint {
  address: string;
  pod: string;
  nodeName?: string;
}

/** An EndpointSlice port: the exported Service's port by name, with the pods' port number. */
export interface ExportedPort {
  name: string;
  port: number;
  protocol: string;
}

/** What one exporting cluster offered at the controller's last look. */
export interface StoredExport {
  cluster: string;
  /** Why it offers nothing (no such Service, offline past the grace, …). */
  reason?: string;
  /** `reason` as a code and values (mcs-codes.ts). */
  reasonWording?: McsWording;
  endpoints: ExportedEndpoint[];
  ports: ExportedPort[];
  /** When these endpoints were last read from a cluster that was not Offline. */
  seenAt: Date;
}

/** An object Portolan created on an import cluster: only these are ever deleted. */
export interface OwnedObject {
  kind: 'Service' | 'EndpointSlice';
  name: string;
  uid: string;
}

export type ImportState = 'applied' | 'pending' | 'failed' | 'offline' | 'forbidden';

export interface StoredImport {
  cluster: string;
  state: ImportState;
  reason?: string;
  /** `reason` as a code and values (mcs-codes.ts). */
  reasonWording?: McsWording;
  endpoints: number;
  lastSyncedAt?: Date;
  owned: OwnedObject[];
}

export interface StoredMultiClusterService {
  /** metadata.generation is the stored one. */
  document: MultiClusterServiceDocument;
  updatedBy: string;
  updatedAt: Date;
  /** Removal asked: its imports are being cleaned up, then the record goes. */
  deleting: boolean;
  exports: StoredExport[];
  /** By cluster name order. */
  imports: StoredImport[];
}

/** Thrown by put when the document names a generation other than the stored one. */
export class GenerationConflictError extends Error {
  override name = 'GenerationConflictError';
}

/** MultiClusterService documents and what the controller last did for them (migration 0017). */
export interface MultiClusterServiceStore {
  /** Every one, deleting ones too, by namespace then name. */
  list(): Promise<StoredMultiClusterService[]>;
  get(namespace: string, name: string): Promise<StoredMultiClusterService | undefined>;
  /**
   * Creates or replaces the document (a deleting one comes back to life) and raises its generation.
   * A document naming a generation other than the stored one throws GenerationConflictError.
   */
  put(
    document: MultiClusterServiceDocument,
    by: string,
    at: Date,
  ): Promise<{ stored: StoredMultiClusterService; created: boolean }>;
  markDeleting(namespace: string, name: string, by: string, at: Date): Promise<boolean>;
  setExports(namespace: string, name: string, exports: StoredExport[]): Promise<void>;
  /** Writes one import cluster's row (replacing it). */
  putImport(namespace: string, name: string, entry: StoredImport): Promise<void>;
  removeImport(namespace: string, name: string, cluster: string): Promise<void>;
  /** The record and its import rows. */
  delete(namespace: string, name: string): Promise<void>;
}
