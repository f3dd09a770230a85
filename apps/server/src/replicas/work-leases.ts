import type { WriteFence } from '#server/store/replicas/lease-guard.ts';
import type { Lease, ReplicaStore } from '#server/store/replicas/replica-store.ts';
import type { Clock } from '#server/time/clock.ts';

/** setInterval, injected so a test runs rounds by hand. */
export interface RoundTimer {
  every(ms: number, run: () => void): { cancel(): void };
}

export const systemRoundTimer: RoundTimer = {
  every(ms, run) {
    const handle = setInterval(run, ms);
    handle.unref();
    return { cancel: () => clearInterval(handle) };
  },
};

/** Work that runs once across replicas, while this replica holds its lease. */
export interface SingletonJob {
  start(): void;
  stop(): void | Promise<void>;
}

/** What a held cluster lease lets the cluster's sync check with each write. */
export interface ClusterFence {
  generation: number;
  /** The lease as its writes' transactions check it (Store.fencedWrites). */
  lease: WriteFence;
  /** False once this replica knows the lease is gone (moved on, or expired while it was paused). */
  held(): boolean;
  /** True while this replica still holds the lease under that generation (read from the database). */
  holds(): Promise<boolean>;
}

export interface WorkLeasesDeps {
  store: ReplicaStore;
  replica: { id: string; address: string };
  clock: Clock;
  /** A lease lasts this long without renewal (20 s); a dead owner's work moves after at most ttl + renew. */
  ttlMs?: number;
  /** Renewals, heartbeats and rebalancing run this often (5 s). */
  renewMs?: number;
  timer?: RoundTimer;
  /** Singleton jobs by name; each runs on exactly one replica. */
  jobs: Record<string, SingletonJob>;
  /** Starts and stops a member cluster's sync as its lease comes and goes. */
  clusters: {
    start(clusterId: string, fence: ClusterFence): Promise<void>;
    stop(clusterId: string): Promise<void>;
  };
  log: { warn(fields: object, message: string): void; info?(fields: object, message: string): void };
}

export interface WorkLeases {
  /** Joins the replicas and runs the first round. */
  start(): Promise<void>;
  /** One round: heartbeat, renewals, singleton jobs, the fair share of clusters. Tests call it. */
  round(): Promise<void>;
  /** This replica can sync the cluster (its client is ready); taken in a round when its share allows. */
  offer(clusterId: string): Promise<void>;
  /** The cluster is gone here: its sync stops and its lease goes to no one. */
  withdraw(clusterId: string): Promise<void>;
  /** The cluster was removed: as withdraw, and its lease row is deleted (no replica shows it). */
  forget(clusterId: string): Promise<void>;
  /**
   * The cluster's sync stopped on a refused write under `generation` (this replica was slow to
   * renew, or another took the lease). The lease is released when it is still this replica's, so
   * the next round takes it under a new generation (starting a new sync) unless another replica is
   * quicker: a write the stopped sync still had in flight is then refused by the generation. Without
   * this a renewed lease would keep a dead sync.
   */
  lost(clusterId: string, generation: number): Promise<void>;
  /** Clusters this replica syncs now. */
  ownedClusters(): string[];
  /** The fence of a cluster lease this replica holds (what its sync checks before writing). */
  fence(clusterId: string): ClusterFence | undefined;
  /** Stops the rounds and releases nothing, as a crashed or frozen replica would (for takeover tests). */
  halt(): void;
  /** Stops all work and releases every lease, so other replicas take over at once. */
  stop(): Promise<void>;
}

/** A dead owner's work moves after at most ttl + renew interval: 25 s with these defaults. */
export const DEFAULT_LEASE_TTL_MS = 20_000;

const CLUSTER = 'cluster:';
const JOB = 'job:';
export const clusterLeaseName = (clusterId: string) => `${CLUSTER}${clusterId}`;
export const jobLeaseName = (job: string) => `${JOB}${job}`;

/**
 * Splits work among replicas on one database through leases: each singleton job runs on one replica,
 * and each replica syncs at most ceil(clusters / live replicas) clusters, releasing extras when
 * replicas join and taking expired or released ones when they leave.
 */
export function createWorkLeases(deps: WorkLeasesDeps): WorkLeases {
  const ttl = deps.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const renewMs = deps.renewMs ?? 5_000;
  const timer = deps.timer ?? systemRoundTimer;
  const me = deps.replica.id;
  const now = () => deps.clock().getTime();
  const offered = new Set<string>();
  const held = new Map<string, Lease>();
  let scheduled: { cancel(): void } | undefined;
  let stopped = false;
  /** Live replicas as the last round saw them, this one included. */
  let liveCount = 1;
  /** Whether the last round saw a live replica below the even floor (then this one keeps the floor). */
  let starved = false;
  // Rounds, offers and withdrawals run one at a time, so a lease is never started and stopped at once.
  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>) => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  function fenceOf(lease: Lease): ClusterFence {
    // A replica that was paused past its lease's expiry refuses before asking the database.
    const heldNow = () => {
      const current = held.get(lease.name);
      return current?.generation === lease.generation && now() < current.expiresAt.getTime();
    };
    return {
      generation: lease.generation,
      lease: { lease: lease.name, owner: me, generation: lease.generation },
      held: heldNow,
      async holds() {
        if (!heldNow()) return false;
        const stored = await deps.store.get(lease.name);
        return stored?.owner === me && stored.generation === lease.generation;
      },
    };
  }

  async function startWork(lease: Lease): Promise<void> {
    held.set(lease.name, lease);
    try {
      if (lease.name.startsWith(JOB)) deps.jobs[lease.name.slice(JOB.length)]?.start();
      else await deps.clusters.start(lease.name.slice(CLUSTER.length), fenceOf(lease));
    } catch (error) {
      deps.log.warn({ err: error, lease: lease.name }, 'starting leased work failed; releasing its lease');
      await stopWork(lease.name, true);
    }
  }

  async function stopWork(name: string, release: boolean): Promise<void> {
    const lease = held.get(name);
    if (!lease) return;
    try {
      if (name.startsWith(JOB)) await deps.jobs[name.slice(JOB.length)]?.stop();
      else await deps.clusters.stop(name.slice(CLUSTER.length));
    } finally {
      held.delete(name);
      // Released only after the work has stopped, so the next owner never writes alongside it.
      if (release) await deps.store.release(name, me, lease.generation).catch(() => undefined);
    }
  }

  async function take(name: string): Promise<boolean> {
    const lease = await deps.store.acquire(name, me, now(), ttl);
    if (!lease) return false;
    await startWork(lease);
    return true;
  }

  async function round(): Promise<void> {
    if (stopped) return;
    const at = now();
    await deps.store.heartbeat(me, at);
    const live = await deps.store.live(at - ttl);
    if (!live.some((replica) => replica.id === me)) await join(at);
    // Renewals first: work whose lease moved on (this replica was paused or cut off) stops now.
    for (const [name, lease] of [...held]) {
      if (await deps.store.renew(name, me, lease.generation, at, ttl)) {
        held.set(name, { ...lease, renewedAt: new Date(at), expiresAt: new Date(at + ttl) });
      } else {
        deps.log.warn({ lease: name }, 'another replica took over this lease; stopping its work');
        await stopWork(name, false);
      }
    }
    for (const job of Object.keys(deps.jobs)) if (!held.has(jobLeaseName(job))) await take(jobLeaseName(job));
    liveCount = Math.max(1, live.length + (live.some((r) => r.id === me) ? 0 : 1));
    // While another live replica holds fewer than the even floor (it just joined), the others keep
    // only the floor, so it can take the rest; otherwise each keeps up to the ceiling.
    const counts = new Map(live.map((replica) => [replica.id, 0]));
    for (const lease of await deps.store.list())
      if (lease.name.startsWith(CLUSTER) && lease.expiresAt.getTime() > at && counts.has(lease.owner))
        counts.set(lease.owner, (counts.get(lease.owner) ?? 0) + 1);
    const floor = Math.floor(offered.size / liveCount);
    starved = [...counts].some(([id, count]) => id !== me && count < floor);
    const owned = [...held.keys()].filter((name) => name.startsWith(CLUSTER));
    // Extras go (the most recently taken first) so a replica that joined can take them.
    for (const name of owned.slice(share()).reverse()) await stopWork(name, true);
    await fill();
  }

  const share = () => (starved ? Math.floor : Math.ceil)(offered.size / liveCount);

  /** Takes free clusters up to this replica's share. */
  async function fill(): Promise<void> {
    let count = [...held.keys()].filter((name) => name.startsWith(CLUSTER)).length;
    for (const clusterId of [...offered].sort()) {
      if (count >= share()) return;
      if (held.has(clusterLeaseName(clusterId))) continue;
      if (await take(clusterLeaseName(clusterId))) count++;
    }
  }

  async function join(at: number): Promise<void> {
    await deps.store.join({ id: me, address: deps.replica.address, startedAt: startedAt ?? at }, at);
  }
  let startedAt: number | undefined;

  const guardedRound = () =>
    serially(round).catch((error: unknown) =>
      deps.log.warn({ err: error }, 'a round of lease renewals failed; trying again'),
    );

  return {
    async start() {
      startedAt = now();
      await join(startedAt);
      await guardedRound();
      scheduled ??= timer.every(renewMs, () => void guardedRound());
    },
    round: () => serially(round),
    offer(clusterId) {
      return serially(async () => {
        offered.add(clusterId);
        const name = clusterLeaseName(clusterId);
        // A new client for a cluster this replica already syncs: restart its sync on it.
        const lease = held.get(name);
        if (lease) await deps.clusters.start(clusterId, fenceOf(lease));
        else if (!stopped) await fill();
      });
    },
    withdraw(clusterId) {
      return serially(async () => {
        offered.delete(clusterId);
        await stopWork(clusterLeaseName(clusterId), true);
      });
    },
    lost(clusterId, generation) {
      return serially(async () => {
        const name = clusterLeaseName(clusterId);
        if (held.get(name)?.generation !== generation) return;
        deps.log.warn(
          { lease: name, generation },
          'a sync write was refused under this lease; releasing it to be taken again',
        );
        await stopWork(name, true);
      });
    },
    forget(clusterId) {
      return serially(async () => {
        offered.delete(clusterId);
        await stopWork(clusterLeaseName(clusterId), false);
        await deps.store.forget(clusterLeaseName(clusterId));
      });
    },
    ownedClusters: () =>
      [...held.keys()].filter((name) => name.startsWith(CLUSTER)).map((name) => name.slice(CLUSTER.length)),
    fence(clusterId) {
      const lease = held.get(clusterLeaseName(clusterId));
      return lease ? fenceOf(lease) : undefined;
    },
    halt() {
      scheduled?.cancel();
      scheduled = undefined;
    },
    stop() {
      stopped = true;
      scheduled?.cancel();
      scheduled = undefined;
      return serially(async () => {
        for (const name of [...held.keys()]) await stopWork(name, true);
        await deps.store.leave(me).catch(() => undefined);
      });
    },
  };
}
