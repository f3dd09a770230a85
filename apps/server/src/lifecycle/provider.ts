/**
 * The seam between Portolan's cluster lifecycle (operations, steps, preflight, drains, the API) and
 * whatever makes clusters: the local sandbox first, a cloud or Cluster API later. A provider does the
 * machine-level work only; the lifecycle core does everything it can through the Kubernetes API
 * (cordon, drain through the Eviction API, health, post-checks), so a new provider writes little.
 *
 * Every method is idempotent: an operation interrupted (a failure, a restart of Portolan) is resumed
 * by calling the step's method again, and it must carry on from wherever the last call stopped.
 */

import type { LifecycleProgressCode } from '@portolan/api';

export interface NodeTaint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A group of like nodes: same size, labels and taints. Nodes are named `<cluster>-<pool>-<n>`. */
export interface NodePoolSpec {
  /** DNS label, unique within the cluster. */
  name: string;
  count: number;
  /** Capacity of each node, as Kubernetes quantities. */
  cpu: string;
  memory: string;
  maxPods: number;
  labels: Record<string, string>;
  taints: NodeTaint[];
  /** topology.kubernetes.io/zone of every node in the pool; absent: none. */
  zone?: string;
}

export interface ManagedClusterSpec {
  /** DNS label, at most 40 characters; also the registered cluster's name. */
  name: string;
  /** A version from the provider's catalogue, e.g. v1.37.2. */
  version: string;
  nodePools: NodePoolSpec[];
  /** Pod network, CIDR, e.g. 10.244.0.0/16. */
  podCidr: string;
  /** Service network, CIDR, e.g. 10.96.0.0/16; must not overlap the pod network. */
  serviceCidr: string;
  /** The API server writes an audit log (metadata level) beside the cluster's other logs. */
  auditLog: boolean;
}

export interface ProviderVersion {
  /** e.g. v1.37.2 */
  version: string;
  /** e.g. 1.37 */
  minor: string;
  /** Binaries are built and cached: creating or upgrading to it starts at once. */
  built: boolean;
  /** The version a new cluster gets when none is chosen. */
  default: boolean;
}

/** One etcd snapshot of a cluster this provider made. */
export interface EtcdSnapshot {
  id: string;
  takenAt: string;
  /** The cluster's Kubernetes version when it was taken (a restore goes back to it). */
  version: string;
  sizeBytes: number;
  /** Why it was taken: `manual`, `schedule`, `pre-upgrade`. */
  reason: string;
}

/** The cluster as the provider sees it now. */
export interface ProvidedCluster {
  name: string;
  version: string;
  /** Per component: kube-apiserver, kube-controller-manager, kube-scheduler, etcd, … */
  components: { name: string; version: string; running: boolean }[];
  nodePools: NodePoolSpec[];
  /** Node names per pool, as the provider made them. */
  nodes: { name: string; pool: string; version: string }[];
  podCidr: string;
  serviceCidr: string;
  auditLog: boolean;
  /** Where the audit log is written, when auditLog is on. */
  auditLogPath?: string;
}

/** What a provider method gets: plain-words progress, and a signal to stop early. */
export interface ProviderRun {
  signal: AbortSignal;
  /** A progress line (a stable code and parameters, and the English text), shown in the job. */
  progress(code: LifecycleProgressCode, params: Record<string, string | number>, text: string): void;
}

export interface ClusterProvider {
  /** `sandbox` */
  readonly name: string;
  /** The versions this installation can make, built or not; newest first. */
  versions(): Promise<ProviderVersion[]>;
  /** Builds (once, cached) the binaries of a version; progress says how far the build is. */
  prepareVersion(version: string, run: ProviderRun): Promise<void>;
  /** Makes the cluster and its nodes (not yet Ready-checked) and answers its admin kubeconfig. */
  create(spec: ManagedClusterSpec, run: ProviderRun): Promise<{ kubeconfig: string }>;
  describe(name: string): Promise<ProvidedCluster | undefined>;
  /** Stops and removes the cluster and its snapshots. */
  delete(name: string, run: ProviderRun): Promise<void>;

  takeSnapshot(name: string, reason: string, run: ProviderRun): Promise<EtcdSnapshot>;
  listSnapshots(name: string): Promise<EtcdSnapshot[]>;
  deleteSnapshot(name: string, id: string): Promise<void>;
  /**
   * Stops the control plane, replaces etcd's data with the snapshot and starts the control plane
   * again on the snapshot's version. Everything written after the snapshot is lost.
   */
  restoreSnapshot(name: string, id: string, run: ProviderRun): Promise<void>;

  /** Restarts etcd's clients, kube-apiserver, kube-controller-manager and kube-scheduler on `version` over the same data. */
  upgradeControlPlane(name: string, version: string, run: ProviderRun): Promise<void>;
  /** Puts a node (already cordoned and drained by the caller) on `version`. */
  upgradeNode(name: string, node: string, version: string, run: ProviderRun): Promise<void>;

  /**
   * Records the pool (new or changed), adds nodes up to `pool.count` and puts the pool's labels and
   * taints on all of its nodes; answers the nodes it added. It never removes a node: the caller
   * drains and removes extra nodes first with removeNode.
   */
  applyPool(name: string, pool: NodePoolSpec, run: ProviderRun): Promise<{ added: string[] }>;
  /** Removes one node (already drained by the caller) from its pool. */
  removeNode(name: string, node: string, run: ProviderRun): Promise<void>;
  /** Forgets a pool whose nodes are all removed. */
  removePool(name: string, pool: string, run: ProviderRun): Promise<void>;
}
