import type { KubeClient } from '#server/kube/kube-client.ts';
import type { IamStore } from '#server/store/iam/iam-store.ts';
import { type RbacReport, reconcileClusterRbac, reconcileRbac } from './rbac-reconciler.ts';

/** The part of the server's logger (pino) the queue writes to. */
export interface RbacLogger {
  warn(fields: object, message: string): void;
}

export interface RbacReconcileQueueDeps {
  iam: IamStore;
  /** The registered cluster (name and id), or undefined once it is gone. */
  clusterOf: (clusterId: string) => Promise<{ id: string; name: string } | undefined>;
  clusterIds: () => Promise<string[]>;
  clientOf: (clusterId: string) => KubeClient | undefined;
  log: RbacLogger;
  /** How one cluster is brought in step; reconcileClusterRbac unless a test watches the order. */
  reconcile?: (
    iam: IamStore,
    cluster: { id: string; name: string },
    client: KubeClient,
  ) => Promise<RbacReport>;
  /** How long an access change waits for all clusters (10 s) and a removal for its cluster (5 s). */
  allWaitMs?: number;
  removeWaitMs?: number;
}

export interface RbacReconcileQueue {
  /** Brings one cluster's RBAC in step, after any run already queued for it. */
  reconcile(clusterId: string): Promise<void>;
  /** After an access change: every reachable cluster in step, waiting at most allWaitMs (a slow one goes on). */
  reconcileAll(): Promise<void>;
  /** Before a cluster is removed: its bindings leave with it, waiting at most removeWaitMs. */
  removeFrom(cluster: { id: string; name: string }, client: KubeClient): Promise<void>;
}

/**
 * Member clusters' RBAC follows Portolan's bindings, so impersonated requests get exactly their
 * roles. One reconcile at a time per cluster, each after the one before, so none undoes a newer one.
 */
export function createRbacReconcileQueue(deps: RbacReconcileQueueDeps): RbacReconcileQueue {
  const reconcileOne = deps.reconcile ?? reconcileClusterRbac;
  const runs = new Map<string, Promise<void>>();

  function reconcile(clusterId: string): Promise<void> {
    const run = (runs.get(clusterId) ?? Promise.resolve()).then(async () => {
      const cluster = await deps.clusterOf(clusterId);
      const client = deps.clientOf(clusterId);
      if (!cluster || !client) return;
      const report = await reconcileOne(deps.iam, cluster, client).catch((error: unknown) => {
        deps.log.warn({ err: error, cluster: cluster.name }, 'keeping the cluster RBAC in step failed');
      });
      if (report?.failed.length)
        deps.log.warn({ cluster: cluster.name, failed: report.failed }, 'some cluster RBAC objects failed');
    });
    runs.set(clusterId, run);
    void run.finally(() => {
      if (runs.get(clusterId) === run) runs.delete(clusterId);
    });
    return run;
  }

  return {
    reconcile,
    async reconcileAll() {
      const all = (await deps.clusterIds()).map((clusterId) => reconcile(clusterId));
      await Promise.race([Promise.all(all), delay(deps.allWaitMs ?? 10_000)]);
    },
    async removeFrom(cluster, client) {
      const removed = reconcileRbac(client, cluster.id, []).catch((error: unknown) => {
        deps.log.warn({ err: error, cluster: cluster.name }, 'removing the cluster RBAC bindings failed');
      });
      await Promise.race([removed, delay(deps.removeWaitMs ?? 5000)]);
    },
  };
}

/** A wait that never keeps the process alive. */
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
