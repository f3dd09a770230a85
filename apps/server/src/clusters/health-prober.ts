import type { KubeClient } from '#server/kube/kube-client.ts';
import type { ClusterReason } from '#server/store/clusters/cluster-health.ts';
import type { ClusterStatus, Store } from '#server/store/store.ts';
import { reasonOfError, reasonOfReadyz } from './cluster-reasons.ts';

/** A change of a cluster's health, kept and streamed as an event. */
export interface HealthEvent {
  clusterId: string;
  from: ClusterStatus;
  to: ClusterStatus;
  reason: string | null;
  /** The reason's code and values, for the console to word (CLUSTER_REASON_CODES). */
  reasonCode: ClusterReason['reasonCode'] | null;
  reasonParams: ClusterReason['reasonParams'] | null;
  at: Date;
}

export interface HealthProber {
  start(): void;
  stop(): void;
  /** Probes one cluster now and records the result. */
  probe(clusterId: string): Promise<ClusterStatus>;
  /** The latest health changes, newest last. */
  events(clusterId?: string): HealthEvent[];
}

export interface HealthProberDeps {
  store: Store;
  /** The client of a registered cluster, or undefined when it has none (yet). */
  clientOf: (clusterId: string) => KubeClient | undefined;
  intervalMs?: number;
  /** One probe's whole deadline (connect, TLS, answer). */
  timeoutMs?: number;
  /** Consecutive failed probes before a Ready cluster is called Offline; one blip is not an outage. */
  failuresBeforeOffline?: number;
  now?: () => Date;
  onEvent?: (event: HealthEvent) => void;
}

const MAX_EVENTS = 500;

export const DEFAULT_PROBE_INTERVAL_MS = 10_000;
export const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

/**
 * Probes each cluster's /readyz on an interval and keeps Ready / Offline with the reason, last
 * seen time and probe latency in the store. Offline after `failuresBeforeOffline` failures in a
 * row (default 2); Ready again on the first probe that passes. Probes start at a fixed rate, not
 * an interval after the last one ended, and each is bounded by one deadline, so a lost API server
 * is Offline within 2 intervals plus a timeout.
 */
export function createHealthProber(deps: HealthProberDeps): HealthProber {
  const interval = deps.intervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
  const timeout = deps.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const threshold = deps.failuresBeforeOffline ?? 2;
  const now = deps.now ?? (() => new Date());
  const failures = new Map<string, number>();
  const inFlight = new Map<string, Promise<ClusterStatus>>();
  const history: HealthEvent[] = [];
  let timer: NodeJS.Timeout | undefined;

  async function record(
    clusterId: string,
    from: ClusterStatus,
    to: ClusterStatus,
    failed: ClusterReason | null,
  ) {
    if (from === to) return;
    const event = {
      clusterId,
      from,
      to,
      reason: failed?.reason ?? null,
      reasonCode: failed?.reasonCode ?? null,
      reasonParams: failed?.reasonParams ?? null,
      at: now(),
    };
    history.push(event);
    if (history.length > MAX_EVENTS) history.splice(0, history.length - MAX_EVENTS);
    deps.onEvent?.(event);
  }

  async function probeOnce(clusterId: string): Promise<ClusterStatus> {
    const cluster = await deps.store.clusters.get(clusterId);
    if (!cluster) return 'Unknown';
    const client = deps.clientOf(clusterId);
    if (!client) return cluster.status;
    const started = now().getTime();
    let failed: ClusterReason | null = null;
    try {
      const response = await client.request<string>({
        path: '/readyz',
        accept: 'text/plain',
        timeoutMs: timeout,
      });
      if (response.status !== 200) failed = reasonOfReadyz(response.status, response.body);
    } catch (error) {
      failed = reasonOfError(error);
    }
    const latency = now().getTime() - started;
    if (failed === null) {
      failures.set(clusterId, 0);
      await deps.store.clusters.setHealth(clusterId, {
        status: 'Ready',
        reason: null,
        lastSeenAt: now(),
        probeLatencyMs: latency,
      });
      await record(clusterId, cluster.status, 'Ready', null);
      return 'Ready';
    }
    const count = (failures.get(clusterId) ?? 0) + 1;
    failures.set(clusterId, count);
    const offline = count >= threshold || cluster.status !== 'Ready';
    const status: ClusterStatus = offline ? 'Offline' : 'Ready';
    await deps.store.clusters.setHealth(clusterId, { status, ...failed, probeLatencyMs: null });
    await record(clusterId, cluster.status, status, failed);
    return status;
  }

  function probe(clusterId: string): Promise<ClusterStatus> {
    const running = inFlight.get(clusterId);
    if (running) return running;
    const next = probeOnce(clusterId).finally(() => inFlight.delete(clusterId));
    inFlight.set(clusterId, next);
    return next;
  }

  /**
   * A round's probe of one cluster. When the last probe is still running (its timeout can end just
   * after the next round is due, as when the timeout equals the interval), the new probe starts the
   * moment it ends instead of waiting a whole round: skipping it would add an interval to the time
   * a lost API server takes to be called Offline.
   */
  function probeInRound(clusterId: string): Promise<ClusterStatus> {
    const running = inFlight.get(clusterId);
    if (!running) return probe(clusterId);
    return running.catch(() => undefined).then(() => probe(clusterId));
  }

  async function probeAll(): Promise<void> {
    const clusters = await deps.store.clusters.list();
    await Promise.all(clusters.map((cluster) => probeInRound(cluster.id).catch(() => undefined)));
  }

  return {
    start() {
      if (timer) return;
      // The next round is due an interval after this one started, however long its probes take;
      // a cluster whose probe is still running is probed again as soon as it ends (probeInRound).
      const tick = () => {
        timer = setTimeout(tick, interval);
        void probeAll().catch(() => undefined);
      };
      timer = setTimeout(tick, 0);
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    probe,
    events: (clusterId) => history.filter((event) => !clusterId || event.clusterId === clusterId),
  };
}
