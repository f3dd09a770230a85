import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { KubeError } from '#server/kube/kube-errors.ts';
import type { GroupVersionResource, Store } from '#server/store/store.ts';
import type { Backoff } from './backoff.ts';
import { sleep } from './backoff.ts';
import type { ChangeHub } from './change-hub.ts';
import { type ResourceSelection, resourceKey, selectResources } from './resource-selection.ts';
import { createResourceSync, type ResourceSync, type ResourceSyncStatus } from './resource-sync.ts';
import { createTroubleTracker, failureReason, type SyncEventListener } from './sync-events.ts';
import {
  discoveryIncomplete,
  type FailureFields,
  type SyncReason,
  showFailure,
  syncReasonOfError,
} from './sync-reasons.ts';

/** A cluster's sync now; its failure is discovery's (`error`, `reasonCode`, `reasonParams`). */
export interface ClusterSyncStatus extends FailureFields {
  clusterId: string;
  state: 'discovering' | 'syncing' | 'backoff' | 'stopped';
  lastDiscoveryAt: Date | null;
  resources: ResourceSyncStatus[];
}

export interface ClusterSync {
  start(): void;
  stop(): Promise<void>;
  /** Discovers again now (a CRD was added or removed). */
  rediscover(): void;
  status(): ClusterSyncStatus;
}

export interface ClusterSyncDeps {
  clusterId: string;
  client: KubeClient;
  store: Store;
  changes: ChangeHub;
  selection: ResourceSelection;
  backoff: Backoff;
  /** Discovery runs again this often, and soon after any CRD changes. */
  rediscoverMs?: number;
  /** Told of this cluster's discovery failures and recoveries, and of each resource sync's. */
  onEvent?: SyncEventListener;
  now?: () => number;
  /** Options passed to each resource sync (batching, page size). */
  resourceSyncOptions?: { pageSize?: number; batchSize?: number; batchMs?: number };
}

/** The discovery path that failed (/api, /apis, …), as the API server was asked. */
const discoveryPath = (error: unknown): string =>
  error instanceof KubeError ? (error.path.split('?')[0] ?? error.path) : '/apis';

/**
 * One cluster's sync: discovers what it serves, keeps one resource sync per selected type, and
 * follows CRDs as they come and go (their rows are purged when a type is no longer served).
 */
export function createClusterSync(deps: ClusterSyncDeps): ClusterSync {
  const syncs = new Map<string, ResourceSync>();
  const status: ClusterSyncStatus = {
    clusterId: deps.clusterId,
    state: 'stopped',
    error: null,
    reasonCode: null,
    reasonParams: null,
    lastDiscoveryAt: null,
    resources: [],
  };

  const failed = (reason: SyncReason | null) => showFailure(status, reason);
  let controller: AbortController | undefined;
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;
  const now = deps.now ?? Date.now;
  const trouble = createTroubleTracker(now);

  async function reconcile(wanted: DiscoveredResource[]): Promise<void> {
    const wantedKeys = new Map(
      wanted.map((resource) => [`${resourceKey(resource)}/${resource.version}`, resource]),
    );
    for (const [key, sync] of syncs) {
      if (wantedKeys.has(key)) continue;
      await sync.stop();
      syncs.delete(key);
      await purgeType(sync.type);
    }
    for (const [key, resource] of wantedKeys) {
      if (syncs.has(key)) continue;
      const sync = createResourceSync({
        clusterId: deps.clusterId,
        client: deps.client,
        resource,
        store: deps.store,
        changes: deps.changes,
        backoff: deps.backoff,
        ...(deps.resourceSyncOptions ?? {}),
        ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
        now,
      });
      syncs.set(key, sync);
      sync.start();
    }
  }

  async function purgeType(type: GroupVersionResource): Promise<void> {
    await deps.store.resources.replaceAll(deps.clusterId, type, [], '');
  }

  async function run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      let delay = deps.rediscoverMs ?? 60_000;
      try {
        status.state = status.lastDiscoveryAt ? status.state : 'discovering';
        const discovery = await deps.client.discover({ signal });
        await reconcile(selectResources(discovery.resources, deps.selection));
        status.lastDiscoveryAt = new Date(now());
        status.state = 'syncing';
        failed(discovery.failed.length ? discoveryIncomplete(discovery.failed) : null);
        attempt = 0;
        const failedForMs = trouble.recover();
        if (failedForMs !== undefined)
          deps.onEvent?.({ type: 'recovered', clusterId: deps.clusterId, resource: '', failedForMs });
      } catch (error) {
        if (signal.aborted) break;
        const why = syncReasonOfError(error, { verb: 'get', resource: discoveryPath(error) });
        failed(why);
        if (!status.lastDiscoveryAt) status.state = 'backoff';
        delay = deps.backoff.delayMs(attempt++);
        const reason = failureReason(error);
        deps.onEvent?.({
          type: 'failed',
          clusterId: deps.clusterId,
          resource: '',
          reason,
          message: why.error,
          retryInMs: delay,
          changed: trouble.fail(reason, why.error),
        });
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        void sleep(delay, signal).then(resolve);
      });
      wake = undefined;
    }
  }

  return {
    start() {
      if (running) return;
      controller = new AbortController();
      // A CRD added or removed changes what the cluster serves: discover again shortly.
      unsubscribe = deps.changes.subscribe(
        { clusterIds: [deps.clusterId], resources: ['apiextensions.k8s.io/customresourcedefinitions'] },
        (event) => {
          if (event.type !== 'RESYNCED') setTimeout(() => wake?.(), 1000);
        },
      );
      running = run(controller.signal);
    },
    async stop() {
      unsubscribe?.();
      controller?.abort();
      await running;
      running = undefined;
      await Promise.all([...syncs.values()].map((sync) => sync.stop()));
      syncs.clear();
      status.state = 'stopped';
    },
    rediscover() {
      wake?.();
    },
    status() {
      return { ...status, resources: [...syncs.values()].map((sync) => sync.status()) };
    },
  };
}
