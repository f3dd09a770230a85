import type { MultiClusterServiceView } from '@portolan/api';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { RoundTimer } from '#server/replicas/work-leases.ts';
import type {
  StoredImport,
  StoredMultiClusterService,
} from '#server/store/multicluster-services/mcs-store.ts';
import type { Store } from '#server/store/store.ts';
import type { ChangeHub } from '#server/sync/change-hub.ts';
import type { Clock } from '#server/time/clock.ts';
import type { MultiClusterServices } from '../contract.ts';
import { createMcsController } from './mcs-controller.ts';
import { reconcileOne } from './mcs-reconcile.ts';

export interface MultiClusterServiceDeps {
  store: Pick<Store, 'multiClusterServices' | 'clusters' | 'resources'>;
  changes: ChangeHub;
  /** Portolan's own client of a cluster, by id. */
  clientOf(clusterId: string): KubeClient | undefined;
  clock: Clock;
  timer: RoundTimer;
  log: { warn(details: object, message: string): void };
  /** Defaults: a full resync every 30 s, saves seen within 2 s, Offline exporters kept 60 s. */
  resyncMs?: number;
  pollMs?: number;
  offlineGraceMs?: number;
}

/** A stored reason as the API has it: the English, and its code and values when it has them. */
const reasonOf = (entry: Pick<StoredImport, 'reason' | 'reasonWording'>) =>
  entry.reason
    ? {
        reason: entry.reason,
        ...(entry.reasonWording
          ? { reasonCode: entry.reasonWording.code, reasonParams: entry.reasonWording.params }
          : {}),
      }
    : {};

/** The answer for one stored document: every exporting and import cluster (routes narrow it per caller). */
export function viewOf(stored: StoredMultiClusterService): MultiClusterServiceView {
  return {
    document: stored.document,
    updatedBy: stored.updatedBy,
    updatedAt: stored.updatedAt.toISOString(),
    exports: stored.exports.map((entry) => ({
      cluster: entry.cluster,
      readyEndpoints: entry.endpoints.length,
      ...reasonOf(entry),
    })),
    imports: stored.imports.map((entry) => ({
      cluster: entry.cluster,
      state: entry.state,
      ...reasonOf(entry),
      endpoints: entry.endpoints,
      ...(entry.lastSyncedAt ? { lastSyncedAt: entry.lastSyncedAt.toISOString() } : {}),
    })),
  };
}

/**
 * Multi-cluster Services: documents saved and removed here; the controller (one replica runs it)
 * keeps every import cluster's Service and EndpointSlices in step with the exporting clusters' ready
 * pods. Imports are applied with Portolan's own credentials: the routes check the author first.
 */
export function createMultiClusterServices(deps: MultiClusterServiceDeps): MultiClusterServices {
  const store = deps.store.multiClusterServices;
  const reconcile = {
    store,
    resources: deps.store.resources,
    clusters: () => deps.store.clusters.list(),
    clientOf: deps.clientOf,
    now: deps.clock,
    offlineGraceMs: deps.offlineGraceMs ?? 60_000,
  };
  const controller = createMcsController({
    ...reconcile,
    changes: deps.changes,
    timer: deps.timer,
    resyncMs: deps.resyncMs ?? 30_000,
    pollMs: deps.pollMs ?? 2_000,
    log: deps.log,
  });
  let running = false;
  return {
    async list() {
      return (await store.list()).filter((entry) => !entry.deleting).map(viewOf);
    },
    async get(namespace, name) {
      const stored = await store.get(namespace, name);
      return stored && !stored.deleting ? viewOf(stored) : undefined;
    },
    async save(document, by) {
      const { stored, created } = await store.put(document, by, deps.clock());
      const { namespace, name } = stored.document.metadata;
      controller.wake([`${namespace}/${name}`]);
      return { view: viewOf(stored), created };
    },
    async remove(namespace, name, by) {
      if (!(await store.markDeleting(namespace, name, by, deps.clock()))) return false;
      // Through the controller's queue when it runs here, so no pass of the same document runs beside it.
      if (running) {
        controller.wake([`${namespace}/${name}`]);
        await controller.idle();
      } else await reconcileOne(reconcile, namespace, name);
      return true;
    },
    controller: () => ({
      start() {
        running = true;
        controller.start();
      },
      async stop() {
        running = false;
        await controller.stop();
      },
    }),
  };
}
