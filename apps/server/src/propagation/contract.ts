import {
  type ClusterSelector,
  type MultiClusterServiceDocument,
  type MultiClusterServiceView,
  type PropagationDocument,
  type PropagationEvent,
  type PropagationOverride,
  type PropagationView,
  type PropagationWording,
  propagationEnglish,
  type ReplicaPlacement,
} from '@portolan/api';
import type { KubeObject } from '#server/resources/kube-object.ts';

/**
 * The seams between the parts of multi-cluster applications, so each is built and tested on its own:
 * - placement/ (pure): which clusters, how many replicas each, per-cluster overrides, failover moves;
 * - engine/ (the controller, one replica runs it): store, render, server-side apply, drift, cleanup;
 * - routes and CLI: validation, permissions, preview diffs, audit;
 * - services/: multi-cluster Services.
 */

/** What placement knows of a registered cluster (from the registry and its summaries). */
export interface ClusterFacts {
  name: string;
  labels: Record<string, string>;
  /** Offline means Portolan cannot reach it now. */
  status: 'Ready' | 'Degraded' | 'Offline' | 'Syncing' | 'Unknown';
  /** Since when it has been Offline without a break (undefined unless Offline). */
  offlineSince?: Date;
  /** Free room for pods: allocatable minus requests over its Ready nodes (from the summaries). */
  free?: { cpuMillis: number; memoryBytes: number; pods: number };
}

// ---- placement/ (pure functions; no I/O) ----

/** The clusters a selector picks, in name order; exclusions win. */
export type SelectClusters = (selector: ClusterSelector, clusters: readonly ClusterFacts[]) => string[];

/** One replica's requests (from the pod template), for Capacity placement. */
export interface ReplicaRequest {
  cpuMillis: number;
  memoryBytes: number;
}

/**
 * The policy's share of `total` replicas for each target (every target has a key, 0 allowed).
 * Duplicated gives every target `total`. Limits (min/max) are kept; spreadBy splits across label
 * values first. Deterministic: the same input gives the same answer on every replica.
 */
export type SplitReplicas = (input: {
  total: number;
  placement: ReplicaPlacement | undefined;
  targets: readonly ClusterFacts[];
  request?: ReplicaRequest;
}) => Record<string, number>;

/**
 * An override that cannot be applied to an object (a JSON patch path that is not there, …): the
 * message is the English of `wording` (an `override.*` code of propagation-codes.ts).
 */
export class OverrideError extends Error {
  /** Index in spec.overrides. */
  readonly override: number;
  readonly wording: PropagationWording;
  constructor(override: number, wording: PropagationWording) {
    super(propagationEnglish(wording));
    this.name = 'OverrideError';
    this.override = override;
    this.wording = wording;
  }
}

/** The object for one cluster: overrides whose clusters select it, in order. Never mutates its input. */
export type ApplyOverrides = (
  object: KubeObject,
  overrides: readonly PropagationOverride[],
  cluster: ClusterFacts,
  /** Resolves an override's cluster selector (selectClusters over every cluster). */
  selects: (selector: ClusterSelector, cluster: string) => boolean,
) => KubeObject;

/** Failover's memory between rounds, kept by the engine per propagation and workload. */
export interface FailoverState {
  /** Replicas each healthy cluster holds beyond its share, by the Offline cluster they stand in for. */
  borrowed: Record<string, Record<string, number>>;
}

export interface FailoverMove {
  from: string;
  to: string;
  replicas: number;
  reason: string;
  /** `reason` as a code of an event's words and its values beside `from`, `to` and `replicas`. */
  reasonCode: 'event.failover-moved' | 'event.failover-again' | 'event.failback-moved';
  reasonParams: Record<string, number>;
}

/**
 * This round's replicas per cluster for one workload. A cluster Offline longer than the grace gives
 * its share to healthy targets (within limits); when it is back, the borrowed replicas go back
 * gradually: a healthy cluster gives up replicas only as the returning one's ready count rises, and
 * the total ready never drops below minReadyReplicas.
 */
export type PlanFailover = (input: {
  now: Date;
  graceSeconds: number;
  minReadyReplicas: number;
  placement: ReplicaPlacement | undefined;
  targets: readonly ClusterFacts[];
  /** The policy's share (SplitReplicas over all targets, as if all were healthy). */
  share: Record<string, number>;
  /** Ready replicas per cluster now (absent for an Offline cluster). */
  ready: Record<string, number | undefined>;
  state: FailoverState;
  /** One replica's requests: Capacity placement moves replicas by how many fit (by free pods without it). */
  request?: ReplicaRequest;
}) => { replicas: Record<string, number>; state: FailoverState; moves: FailoverMove[] };

// ---- engine/ (implements Propagations; the routes call it) ----

/** One object as it would be applied on one cluster. */
export interface RenderedObject {
  object: KubeObject;
  /** Where it came from: a template (index) or the source cluster. */
  origin: 'template' | 'source' | 'dependency';
}

export interface RenderedTarget {
  cluster: string;
  /** Why nothing can be rendered for it (source unreachable, an override that fails, …). */
  error?: string;
  /** `error` as a code and values the console words. */
  errorWording?: PropagationWording;
  replicas?: number;
  objects: RenderedObject[];
  /** Objects Portolan applied there before that the document no longer renders: a cleanup removes them. */
  removals: { apiVersion: string; kind: string; namespace?: string; name: string }[];
}

export interface Propagations {
  /** Every propagation with its status (every target); callers filter what a user may see. */
  list(): Promise<PropagationView[]>;
  get(name: string): Promise<PropagationView | undefined>;
  /**
   * Stores a checked document (routes validate it first) and wakes the controller. A stale
   * `metadata.generation` throws PropagationConflictError. The generation rises when the spec changes.
   */
  save(document: PropagationDocument, by: string): Promise<{ view: PropagationView; created: boolean }>;
  /** Marks it deleting: the controller removes what it created, then the record goes. */
  remove(name: string, by: string): Promise<PropagationView | undefined>;
  /** Per target, what applying this document would put there now (no writes). */
  render(document: PropagationDocument): Promise<RenderedTarget[]>;
  /** The clusters the document's placement selects now. */
  targetsOf(document: PropagationDocument): Promise<string[]>;
  events(
    name: string,
    query: { cluster?: string; limit: number; cursor?: string },
  ): Promise<{
    items: PropagationEvent[];
    nextCursor: string | null;
  }>;
  /** Starts and stops the controller (a singleton job: one replica runs it). */
  controller(): { start(): void; stop(): Promise<void> | void };
}

export class PropagationConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropagationConflictError';
  }
}

// ---- services/ (implements MultiClusterServices; the routes call it) ----

export interface MultiClusterServices {
  list(): Promise<MultiClusterServiceView[]>;
  get(namespace: string, name: string): Promise<MultiClusterServiceView | undefined>;
  save(
    document: MultiClusterServiceDocument,
    by: string,
  ): Promise<{ view: MultiClusterServiceView; created: boolean }>;
  /** Removes the Services and EndpointSlices it imported, then the record. */
  remove(namespace: string, name: string, by: string): Promise<boolean>;
  controller(): { start(): void; stop(): Promise<void> | void };
}
