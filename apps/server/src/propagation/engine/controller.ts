import type { ChangeHub, ResourceChangeEvent } from '#server/sync/change-hub.ts';
import { PROPAGATION_LABEL } from './object-shape.ts';
import { createSourceWatch, type SourceInterest } from './source-watch.ts';

/** setTimeout and clearTimeout, injected so a test runs rounds without waiting. */
export interface ControllerTimer {
  after(ms: number, run: () => void): { cancel(): void };
}

export const systemControllerTimer: ControllerTimer = {
  after(ms, run) {
    const handle = setTimeout(run, ms);
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

export interface ControllerDeps {
  /** One round of one propagation (engine.reconcile); may answer when the next one is due, in ms. */
  reconcile(name: string): Promise<number | undefined>;
  /** Every propagation's name, and what says it changed (updatedAt, deleting). */
  propagations(): Promise<{ name: string; version: string }[]>;
  /** Every cluster's status, to wake on a change (Ready → Offline and back). */
  clusterStates(): Promise<Map<string, string>>;
  changes: ChangeHub;
  /** What each propagation reads from a source cluster: a change there wakes it. */
  sources?(): Promise<SourceInterest[]>;
  timer?: ControllerTimer;
  log: { warn(fields: object, message: string): void };
  /** Every propagation once in this long (default 30 s). */
  resyncMs?: number;
  /** How often cluster states and other replicas' saves are looked at (default 1 s). */
  pollMs?: number;
  /** Propagations reconciled at once (default 4). */
  parallel?: number;
}

export interface Controller {
  start(): void;
  stop(): Promise<void>;
  /** A round of this propagation soon (now, unless one is running: then right after it). */
  wake(name: string): void;
}

/**
 * What of a propagated object a round cares about: everything but its status and what the API
 * server sets, and of the status only a workload's ready count (failover gives replicas back as
 * it rises).
 */
function shapeOf(object: unknown): string {
  if (!object || typeof object !== 'object') return '';
  const { status, metadata, ...rest } = object as Record<string, unknown>;
  const {
    resourceVersion: _rv,
    managedFields: _mf,
    generation: _g,
    ...meta
  } = (metadata ?? {}) as Record<string, unknown>;
  const ready = (status as { readyReplicas?: unknown } | undefined)?.readyReplicas;
  return JSON.stringify([meta, rest, ready]);
}

/**
 * The propagation controller: a singleton job (one replica runs it, through the work leases). It
 * runs a propagation's round when it is saved or removed, when a cluster's status changes, when an
 * object it propagated changes in a member cluster or what it reads changes on its source cluster (the
 * sync's change feed, status-only changes aside), and every 30 s. One round per propagation at a time; a wake during a round runs another
 * right after it, never sleeping in between.
 */
export function createController(deps: ControllerDeps): Controller {
  const timer = deps.timer ?? systemControllerTimer;
  const resyncMs = deps.resyncMs ?? 30_000;
  const pollMs = deps.pollMs ?? 1_000;
  const limit = deps.parallel ?? 4;
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const waiting: string[] = [];
  const shapes = new Map<string, string>();
  let started = false;
  let unsubscribe: (() => void) | undefined;
  let resync: { cancel(): void } | undefined;
  let poll: { cancel(): void } | undefined;
  let lastClusters = new Map<string, string>();
  let lastVersions = new Map<string, string>();
  const sourceWatch = createSourceWatch({ changes: deps.changes, wake: (name) => wake(name) });

  function pump() {
    while (started && running.size < limit && waiting.length) {
      const name = waiting.shift() as string;
      if (running.has(name)) continue;
      const round = deps
        .reconcile(name)
        .then((dueInMs) => {
          if (dueInMs !== undefined) later(name, dueInMs);
        })
        .catch((error: unknown) =>
          deps.log.warn({ err: error, propagation: name }, 'a propagation round failed; trying again'),
        )
        .finally(() => {
          running.delete(name);
          if (again.delete(name)) wake(name);
          pump();
        });
      running.set(name, round);
    }
  }

  /** A round of `name` in `ms` (a failover grace that ends then); the earliest asked wins. */
  const timers = new Map<string, { at: number; cancel(): void }>();
  function later(name: string, ms: number) {
    const at = Date.now() + ms;
    const existing = timers.get(name);
    if (existing && existing.at <= at) return;
    existing?.cancel();
    const handle = timer.after(ms, () => {
      timers.delete(name);
      wake(name);
    });
    timers.set(name, { at, cancel: () => handle.cancel() });
  }

  function wake(name: string) {
    if (!started) return;
    if (running.has(name)) {
      again.add(name);
      return;
    }
    if (!waiting.includes(name)) waiting.push(name);
    pump();
  }

  async function wakeAll() {
    for (const { name } of await deps.propagations()) wake(name);
  }

  function onChange(event: ResourceChangeEvent) {
    const name = event.labels[PROPAGATION_LABEL];
    if (!name) return;
    const key = `${event.clusterId}|${event.group}|${event.resource}|${event.namespace}|${event.name}`;
    if (event.type === 'MODIFIED' || event.type === 'ADDED') {
      const shape = shapeOf(event.object);
      if (shapes.get(key) === shape) return;
      shapes.set(key, shape);
    } else shapes.delete(key);
    wake(name);
  }

  /** Cluster status changes and saves made on other replicas, looked at every second. */
  async function look() {
    const clusters = await deps.clusterStates();
    const changed = [...clusters].some(([name, status]) => lastClusters.get(name) !== status);
    lastClusters = clusters;
    const versions = new Map((await deps.propagations()).map((p) => [p.name, p.version]));
    const saved = [...versions].some(([name, version]) => lastVersions.get(name) !== version);
    for (const [name, version] of versions) if (lastVersions.get(name) !== version || changed) wake(name);
    if ((saved || changed || versions.size !== lastVersions.size) && deps.sources)
      sourceWatch.update(await deps.sources());
    lastVersions = versions;
  }

  function schedule() {
    resync = timer.after(resyncMs, () => {
      void wakeAll().catch((error: unknown) => deps.log.warn({ err: error }, 'listing propagations failed'));
      if (started) schedule();
    });
  }
  function schedulePoll() {
    poll = timer.after(pollMs, () => {
      void look()
        .catch((error: unknown) => deps.log.warn({ err: error }, 'looking for propagation changes failed'))
        .finally(() => {
          if (started) schedulePoll();
        });
    });
  }

  return {
    start() {
      if (started) return;
      started = true;
      unsubscribe = deps.changes.subscribe(
        { labels: [{ key: PROPAGATION_LABEL, operator: 'exists', values: [] }] },
        onChange,
      );
      schedule();
      schedulePoll();
    },
    async stop() {
      started = false;
      unsubscribe?.();
      sourceWatch.stop();
      resync?.cancel();
      poll?.cancel();
      for (const entry of timers.values()) entry.cancel();
      timers.clear();
      waiting.length = 0;
      again.clear();
      await Promise.all(running.values());
    },
    wake,
  };
}
