import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import { resourcePath } from '#server/kube/discovery-types.ts';
import type { KubeClient, WatchEvent } from '#server/kube/kube-client.ts';
import { KubeError } from '#server/kube/kube-errors.ts';
import { recordFromObject } from '#server/store/resources/resource-record.ts';
import type { GroupVersionResource, ResourceChange, ResourceRecord, Store } from '#server/store/store.ts';
import { type Backoff, sleep } from './backoff.ts';
import type { ChangeHub, ResourceChangeEvent } from './change-hub.ts';
import { sanitizeObject } from './sanitize.ts';
import { createTroubleTracker, failureReason, resourceLabel, type SyncEventListener } from './sync-events.ts';
import {
  type FailureFields,
  readInto,
  type SyncReason,
  showFailure,
  stored,
  syncReasonOfError,
} from './sync-reasons.ts';

/** A type's sync now; its failure (`error`, `reasonCode`, `reasonParams`) is null while it works. */
export interface ResourceSyncStatus extends GroupVersionResource, FailureFields {
  kind: string;
  state: 'listing' | 'watching' | 'backoff' | 'stopped';
  resourceVersion: string | null;
  lastEventAt: Date | null;
  relists: number;
}

export interface ResourceSync {
  readonly type: GroupVersionResource;
  start(): void;
  stop(): Promise<void>;
  status(): ResourceSyncStatus;
}

export interface ResourceSyncDeps {
  clusterId: string;
  client: KubeClient;
  resource: DiscoveredResource;
  store: Store;
  changes: ChangeHub;
  backoff: Backoff;
  now?: () => number;
  /** Page size of the initial list. */
  pageSize?: number;
  /** Events are written in one transaction per batch: up to `batchSize`, or after `batchMs`. */
  batchSize?: number;
  batchMs?: number;
  /** A watch is renewed after this long (jittered by the server's own timeout handling). */
  watchTimeoutSeconds?: number;
  /** Told of failures, 410 relists and recoveries (see SyncEvent). */
  onEvent?: SyncEventListener;
}

/**
 * While failing, watches end after this long, so a watch that opens and stays quiet still
 * shows the type is healthy again within seconds.
 */
const RECOVERY_WATCH_SECONDS = 5;

/** The watch asked for a resourceVersion etcd has compacted away: relist. */
class ResourceVersionGone extends Error {}

const resourceVersionOf = (object: unknown): string =>
  String((object as { metadata?: { resourceVersion?: unknown } })?.metadata?.resourceVersion ?? '');

/**
 * Keeps the store's rows of one resource type of one cluster equal to the cluster: list in pages,
 * then watch with bookmarks from the list's resourceVersion; resume from the last one seen after a
 * disconnect; relist and reconcile on 410 Gone; back off with jitter on errors.
 */
export function createResourceSync(deps: ResourceSyncDeps): ResourceSync {
  const { clusterId, client, resource, store, changes } = deps;
  const now = deps.now ?? Date.now;
  const type: GroupVersionResource = {
    group: resource.group,
    version: resource.version,
    resource: resource.resource,
  };
  const path = resourcePath(resource);
  const batchSize = deps.batchSize ?? 500;
  const batchMs = deps.batchMs ?? 20;
  let controller: AbortController | undefined;
  let running: Promise<void> | undefined;
  const label = resourceLabel(type);
  const trouble = createTroubleTracker(now);
  const status: ResourceSyncStatus = {
    ...type,
    kind: resource.kind,
    state: 'stopped',
    resourceVersion: null,
    lastEventAt: null,
    relists: 0,
    error: null,
    reasonCode: null,
    reasonParams: null,
  };

  const failed = (reason: SyncReason | null) => showFailure(status, reason);

  /** Why this type's sync failed, naming the verb it was at and the type. */
  const reasonOf = (error: unknown): SyncReason =>
    syncReasonOfError(error, {
      verb: status.state === 'watching' ? 'watch' : 'list',
      resource: label,
      kind: resource.kind,
      group: resource.group,
    });

  const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
  // Items of a list carry no apiVersion or kind; the stored object should read like a GET.
  const toRecord = (object: unknown): ResourceRecord =>
    recordFromObject(type, sanitizeObject(type, { apiVersion, kind: resource.kind, ...(object as object) }));

  function recovered(): void {
    // A list or an event read is health: the status says so now, not when the (long) watch ends.
    if (status.error !== null) failed(null);
    const failedForMs = trouble.recover();
    if (failedForMs !== undefined)
      deps.onEvent?.({ type: 'recovered', clusterId, resource: label, failedForMs });
  }

  function publish(event: WatchEvent, record: ResourceRecord): void {
    if (changes.subscriberCount() === 0) return;
    const change: ResourceChangeEvent = {
      ...type,
      type: event.type as ResourceChangeEvent['type'],
      clusterId,
      kind: record.kind || resource.kind,
      namespace: record.namespace,
      name: record.name,
      labels: record.labels,
      resourceVersion: record.resourceVersion,
    };
    if (event.type !== 'DELETED') change.object = record.object;
    changes.publish(change);
  }

  async function relist(signal: AbortSignal): Promise<string> {
    status.state = 'listing';
    const pages = client.listPages(path, { limit: deps.pageSize ?? 500, signal })[Symbol.asyncIterator]();
    const first = await pages.next();
    if (first.done) throw new Error(`listing ${path} returned no page`);
    const resourceVersion = first.value.resourceVersion;
    async function* records(): AsyncIterable<ResourceRecord> {
      for (const item of first.value.items) yield toRecord(item);
      for (let page = await pages.next(); !page.done; page = await pages.next()) {
        for (const item of page.value.items) yield toRecord(item);
      }
    }
    await readInto(records(), (read) => store.resources.replaceAll(clusterId, type, read, resourceVersion));
    // The list is a sync as much as an event is: without this, a quiet type would read as never synced.
    const at = new Date(now());
    await stored(() => store.syncStates.put(clusterId, type, { lastEventAt: at }));
    status.lastEventAt = at;
    status.relists += 1;
    recovered();
    if (changes.subscriberCount() > 0) {
      changes.publish({
        ...type,
        type: 'RESYNCED',
        clusterId,
        kind: resource.kind,
        namespace: '',
        name: '',
        labels: {},
        resourceVersion,
      });
    }
    return resourceVersion;
  }

  /** Watches from `from` until the server ends the watch; returns the last resourceVersion seen. */
  async function watch(from: string, signal: AbortSignal): Promise<string> {
    status.state = 'watching';
    let resourceVersion = from;
    let pending:
      | { changes: ResourceChange[]; events: [WatchEvent, ResourceRecord][]; since: number }
      | undefined;
    let flushing: Promise<void> = Promise.resolve();
    let timer: NodeJS.Timeout | undefined;

    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const batch = pending;
      pending = undefined;
      if (!batch) return flushing;
      const version = resourceVersion;
      flushing = flushing.then(async () => {
        if (batch.changes.length > 0)
          await stored(() => store.resources.applyChanges(clusterId, batch.changes));
        const at = new Date(now());
        await stored(() =>
          store.syncStates.put(clusterId, type, {
            resourceVersion: version,
            lastEventAt: at,
            lagMs: now() - batch.since,
            error: null,
          }),
        );
        status.lastEventAt = at;
        status.resourceVersion = version;
        for (const [event, record] of batch.events) publish(event, record);
      });
      return flushing;
    };

    try {
      for await (const event of client.watch(path, {
        resourceVersion: from,
        allowWatchBookmarks: true,
        timeoutSeconds: trouble.failing ? RECOVERY_WATCH_SECONDS : (deps.watchTimeoutSeconds ?? 300),
        signal,
      })) {
        if (event.type === 'ERROR') {
          const code = (event.object as { code?: number }).code;
          if (code === 410) throw new ResourceVersionGone();
          throw new KubeError(event.object, { method: 'WATCH', path, server: client.server });
        }
        recovered();
        resourceVersion = resourceVersionOf(event.object) || resourceVersion;
        pending ??= { changes: [], events: [], since: now() };
        if (event.type !== 'BOOKMARK') {
          const record = toRecord(event.object);
          pending.changes.push(
            event.type === 'DELETED'
              ? { type: 'delete', key: { ...type, namespace: record.namespace, name: record.name } }
              : { type: 'upsert', record },
          );
          pending.events.push([event, record]);
        }
        if (pending.changes.length >= batchSize) await flush();
        // A failed write rejects `flushing`, so the next flush throws it into run()'s loop, which reports it.
        else timer ??= setTimeout(() => void flush().catch(() => undefined), batchMs);
      }
    } finally {
      await flush();
    }
    return resourceVersion;
  }

  async function run(signal: AbortSignal): Promise<void> {
    // Read inside the loop so a store that fails at start is retried like any other failure.
    let resourceVersion: string | null = null;
    let resumed = false;
    let attempt = 0;
    while (!signal.aborted) {
      try {
        if (!resumed) {
          resourceVersion =
            (await stored(() => store.syncStates.get(clusterId, type)))?.resourceVersion ?? null;
          resumed = true;
        }
        if (!resourceVersion) resourceVersion = await relist(signal);
        status.resourceVersion = resourceVersion;
        resourceVersion = await watch(resourceVersion, signal);
        // The server ended the watch as asked: the type is healthy.
        if (!signal.aborted) recovered();
        attempt = 0;
        failed(null);
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof ResourceVersionGone || (error instanceof KubeError && error.code === 410)) {
          deps.onEvent?.({ type: 'relisting', clusterId, resource: label });
          resourceVersion = null;
          continue;
        }
        const why = reasonOf(error);
        const message = why.error;
        const reason = failureReason(error);
        const retryInMs = deps.backoff.delayMs(attempt++);
        failed(why);
        status.state = 'backoff';
        const changed = trouble.fail(reason, message);
        deps.onEvent?.({ type: 'failed', clusterId, resource: label, reason, message, retryInMs, changed });
        await store.syncStates.put(clusterId, type, why).catch(() => undefined);
        await sleep(retryInMs, signal);
      }
    }
    status.state = 'stopped';
  }

  return {
    type,
    start() {
      if (running) return;
      controller = new AbortController();
      running = run(controller.signal).catch((error: unknown) => {
        failed(reasonOf(error));
        status.state = 'stopped';
        const reason = failureReason(error);
        deps.onEvent?.({
          type: 'failed',
          clusterId,
          resource: label,
          reason,
          message: `the sync stopped: ${status.error}`,
          retryInMs: 0,
          changed: true,
        });
      });
    },
    async stop() {
      controller?.abort();
      await running;
      running = undefined;
    },
    status: () => ({ ...status }),
  };
}
