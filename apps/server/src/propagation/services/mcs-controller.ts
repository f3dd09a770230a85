import type { RoundTimer } from '#server/replicas/work-leases.ts';
import type { ChangeHub } from '#server/sync/change-hub.ts';
import { MCS_LABEL } from './import-objects.ts';
import { type ReconcileDeps, reconcileOne } from './mcs-reconcile.ts';

export interface ControllerDeps extends ReconcileDeps {
  changes: ChangeHub;
  timer: RoundTimer;
  /** Every document is brought in step this often, whatever changed. */
  resyncMs: number;
  /** How often the store is read for documents saved (on any replica) or removed. */
  pollMs: number;
  log: { warn(details: object, message: string): void };
  /** Runs `run` once after `ms` (a timer that does not keep the process alive by default). */
  later?: (ms: number, run: () => void) => { cancel(): void };
}

/** setTimeout that does not hold the process open. */
const systemLater = (ms: number, run: () => void) => {
  const handle = setTimeout(run, ms);
  handle.unref();
  return { cancel: () => clearTimeout(handle) };
};

export interface McsController {
  start(): void;
  stop(): Promise<void>;
  /** Brings these documents in step soon (a save or removal on this replica). */
  wake(keys: string[]): void;
  /** Resolves when every queued pass is done. */
  idle(): Promise<void>;
}

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

/**
 * The multi-cluster Services controller (a singleton job: one replica runs it). Passes run one at a
 * time from a queue of documents, each document at most once in the queue, so a burst of pod changes
 * costs one pass. What wakes it: a Pod or Service changed in a namespace a document exports from (the
 * sync's change stream, every replica's), a document saved or removed (read from the store every
 * pollMs, so saves on other replicas count too), a full resync every resyncMs, and the moment an
 * Offline exporting cluster's grace ends (so its endpoints go then, not at the next resync).
 */
export function createMcsController(deps: ControllerDeps): McsController {
  const pending = new Set<string>();
  /** Document keys by namespace, and each one's last seen version, from the last poll. */
  let byNamespace = new Map<string, string[]>();
  const versions = new Map<string, string>();
  /** Passes due by themselves (grace ends), by document. */
  const due = new Map<string, { cancel(): void }>();
  const later = deps.later ?? systemLater;
  let draining: Promise<void> | undefined;
  let running = false;
  const stops: Array<() => void> = [];

  async function drain(): Promise<void> {
    while (running && pending.size) {
      const [key = ''] = pending;
      pending.delete(key);
      const slash = key.indexOf('/');
      try {
        const next = await reconcileOne(deps, key.slice(0, slash), key.slice(slash + 1));
        due.get(key)?.cancel();
        due.delete(key);
        if (next) {
          const wait = Math.max(0, next.getTime() - deps.now().getTime()) + 100;
          due.set(
            key,
            later(wait, () => enqueue([key])),
          );
        }
      } catch (error) {
        deps.log.warn(
          { err: error },
          `keeping multi-cluster Service ${key} in step failed; trying again soon`,
        );
      }
    }
  }

  function enqueue(keys: Iterable<string>): void {
    for (const key of keys) pending.add(key);
    if (!running || draining || !pending.size) return;
    draining = drain().finally(() => {
      draining = undefined;
      if (running && pending.size) enqueue([]);
    });
  }

  async function poll(all: boolean): Promise<void> {
    try {
      const stored = await deps.store.list();
      const namespaces = new Map<string, string[]>();
      const changed: string[] = [];
      const seen = new Set<string>();
      for (const entry of stored) {
        const { namespace, name, generation } = entry.document.metadata;
        const key = keyOf(namespace, name);
        seen.add(key);
        namespaces.set(namespace, [...(namespaces.get(namespace) ?? []), key]);
        const version = `${generation}/${entry.deleting}`;
        if (all || versions.get(key) !== version) changed.push(key);
        versions.set(key, version);
      }
      for (const key of versions.keys()) if (!seen.has(key)) versions.delete(key);
      byNamespace = namespaces;
      enqueue(changed);
    } catch (error) {
      deps.log.warn({ err: error }, 'reading the multi-cluster Services failed; trying again');
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      stops.push(
        deps.changes.subscribe({ resources: ['pods', 'services'] }, (event) => {
          // Portolan's own imports change when it applies them: no pass needed for that.
          if (event.labels[MCS_LABEL] !== undefined) return;
          const keys = byNamespace.get(event.namespace);
          if (keys) enqueue(keys);
        }),
      );
      const polling = deps.timer.every(deps.pollMs, () => void poll(false));
      const resync = deps.timer.every(deps.resyncMs, () => void poll(true));
      stops.push(
        () => polling.cancel(),
        () => resync.cancel(),
      );
      void poll(true);
    },
    async stop() {
      running = false;
      for (const stop of stops.splice(0)) stop();
      for (const timer of due.values()) timer.cancel();
      due.clear();
      await draining;
    },
    wake(keys) {
      enqueue(keys);
    },
    async idle() {
      while (draining) await draining;
    },
  };
}
