import type { PropagationWording } from '@portolan/api';
/**
 * Propagations in the database (migration 0016): the documents, each target cluster's state, the
 * ownership record of every object Portolan applied, failover's memory and the events. The engine
 * (propagation/engine/) is what the rest of the server uses; times are passed in, never read here.
 */
export interface StoredPropagation {
  name: string;
  /** The document as saved (metadata.generation is the stored generation). */
  document: unknown;
  generation: number;
  /** The generation the controller last applied everywhere it could. */
  observedGeneration: number;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  deleting: boolean;
  /** Failover's memory between rounds, by workload (JSON, read whole). */
  failover: Record<string, unknown>;
}

export type TargetState = 'applied' | 'pending' | 'failed' | 'drifted' | 'removing' | 'offline' | 'forbidden';

export interface StoredTarget {
  propagation: string;
  cluster: string;
  state: TargetState;
  reason: string | null;
  /** `reason` as a code and values (propagation-codes.ts); absent or null when it has none. */
  reasonWording?: PropagationWording | null;
  /** Replicas placed here (the sum over the propagation's workloads); null without workloads. */
  replicas: number | null;
  movedIn: number;
  movedOut: number;
  offlineSince: Date | null;
  lastAppliedAt: Date | null;
}

export interface ObjectKey {
  propagation: string;
  cluster: string;
  apiVersion: string;
  kind: string;
  /** '' when cluster-scoped. */
  namespace: string;
  name: string;
}

/** Portolan's record of one object it applied on one cluster. */
export interface OwnedObject extends ObjectKey {
  uid: string | null;
  /** The object did not exist before Portolan first applied it there: only these are ever deleted. */
  created: boolean;
  appliedGeneration: number;
  state: TargetState;
  reason: string | null;
  /** `reason` as a code and values (propagation-codes.ts); absent or null when it has none. */
  reasonWording?: PropagationWording | null;
  lastAppliedAt: Date | null;
}

export interface StoredEvent {
  id: string;
  at: Date;
  propagation: string;
  cluster: string | null;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `message` as a code and values (propagation-codes.ts); absent or null when it has none. */
  messageWording?: PropagationWording | null;
  object: string | null;
}

export interface SaveInput {
  name: string;
  document: unknown;
  /** The spec as canonical JSON: the generation rises only when it differs from the stored one. */
  specKey: string;
  /** The generation the writer read; undefined to overwrite whatever is stored. */
  expectedGeneration: number | undefined;
  by: string;
  at: Date;
}

export interface PropagationStore {
  list(): Promise<StoredPropagation[]>;
  /** Each propagation's name and what changes when it is saved or removed, without its document (polled). */
  versions(): Promise<{ name: string; version: string }[]>;
  get(name: string): Promise<StoredPropagation | undefined>;
  /**
   * Creates or replaces, in one transaction. Throws StoreError 'conflict' when expectedGeneration
   * is not the stored one, or when the propagation is being deleted.
   */
  save(input: SaveInput): Promise<{ propagation: StoredPropagation; created: boolean }>;
  markDeleting(name: string, by: string, at: Date): Promise<StoredPropagation | undefined>;
  /** The record and everything kept beside it (targets, objects, events). */
  delete(name: string): Promise<void>;
  setObserved(name: string, generation: number): Promise<void>;
  setFailover(name: string, failover: Record<string, unknown>): Promise<void>;

  targets(name?: string): Promise<StoredTarget[]>;
  putTarget(target: StoredTarget): Promise<void>;
  deleteTarget(propagation: string, cluster: string): Promise<void>;

  objects(filter: { propagation?: string; cluster?: string }): Promise<OwnedObject[]>;
  putObject(object: OwnedObject): Promise<void>;
  deleteObject(key: ObjectKey): Promise<void>;

  addEvent(event: StoredEvent): Promise<void>;
  /** Newest first, a page at a time. */
  events(
    name: string,
    query: { cluster?: string; limit: number; cursor?: string },
  ): Promise<{ items: StoredEvent[]; nextCursor: string | null }>;
  /** Deletes events from before `before`; answers how many went. */
  prune(before: Date): Promise<number>;
}
