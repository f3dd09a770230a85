import type { PropagationDocument, PropagationView } from '@portolan/api';
import { canonical } from '#server/store/propagations/propagation-sql-store.ts';
import type { StoredPropagation } from '#server/store/propagations/propagation-store.ts';
import { StoreError } from '#server/store/store.ts';
import type { ChangeHub } from '#server/sync/change-hub.ts';
import { PropagationConflictError, type Propagations } from '../contract.ts';
import { type ControllerTimer, createController } from './controller.ts';
import { createEngine, type EngineDeps } from './engine.ts';
import { interestOf } from './source-watch.ts';
import { viewOf } from './status-view.ts';

export { FIELD_MANAGER, GENERATION_ANNOTATION, PROPAGATION_LABEL } from './object-shape.ts';

export interface PropagationsDeps extends EngineDeps {
  /** The sync's change feed: a propagated object changed in a member cluster wakes its propagation. */
  changes: ChangeHub;
  timer?: ControllerTimer;
  /** Every propagation's round at least this often (default 30 s). */
  resyncMs?: number;
  /** How often cluster states and other replicas' saves are looked at (default 1 s). */
  pollMs?: number;
}

/**
 * Multi-cluster applications: the store, render (and preview), and the controller that applies,
 * repairs drift, cleans up and fails over. The controller runs on one replica (a singleton job);
 * a save on this replica wakes it at once, a save on another within `pollMs`.
 */
export function createPropagations(deps: PropagationsDeps): Propagations & {
  /** Deletes events older than `before` (housekeeping, with the audit retention). */
  prune(before: Date): Promise<number>;
} {
  const { store } = deps;
  const engine = createEngine(deps);
  const controller = createController({
    reconcile: (name) => engine.reconcile(name),
    propagations: () => store.propagations.versions(),
    async clusterStates() {
      return new Map((await store.clusters.list()).map((c) => [c.name, c.status]));
    },
    async sources() {
      const [stored, clusters] = await Promise.all([store.propagations.list(), store.clusters.list()]);
      const ids = new Map(clusters.map((c) => [c.name, c.id]));
      return stored.flatMap(
        (p) => interestOf(p.document as PropagationDocument, (name) => ids.get(name)) ?? [],
      );
    },
    changes: deps.changes,
    log: deps.log,
    ...(deps.timer ? { timer: deps.timer } : {}),
    ...(deps.resyncMs ? { resyncMs: deps.resyncMs } : {}),
    ...(deps.pollMs ? { pollMs: deps.pollMs } : {}),
  });

  async function viewsOf(stored: StoredPropagation[]): Promise<PropagationView[]> {
    if (!stored.length) return [];
    const one = stored.length === 1 ? stored[0]?.name : undefined;
    const [targets, objects, clusters] = await Promise.all([
      store.propagations.targets(one),
      store.propagations.objects(one ? { propagation: one } : {}),
      store.clusters.list(),
    ]);
    const clusterIds = new Map(clusters.map((c) => [c.name, c.id]));
    return Promise.all(
      stored.map((p) =>
        viewOf(p, {
          targets: targets.filter((t) => t.propagation === p.name),
          objects: objects.filter((o) => o.propagation === p.name),
          clusterIds,
          resources: store.resources,
        }),
      ),
    );
  }

  return {
    async list() {
      return viewsOf(await store.propagations.list());
    },
    async get(name) {
      const stored = await store.propagations.get(name);
      return stored ? (await viewsOf([stored]))[0] : undefined;
    },
    async save(document, by) {
      try {
        const { propagation, created } = await store.propagations.save({
          name: document.metadata.name,
          document,
          specKey: JSON.stringify(canonical(document.spec)),
          expectedGeneration: document.metadata.generation,
          by,
          at: deps.clock(),
        });
        controller.wake(propagation.name);
        const [view] = await viewsOf([propagation]);
        if (!view) throw new Error(`propagation ${propagation.name} was saved but cannot be read`);
        return { view, created };
      } catch (error) {
        if (error instanceof StoreError && error.code === 'conflict')
          throw new PropagationConflictError(error.message);
        throw error;
      }
    },
    async remove(name, by) {
      const stored = await store.propagations.markDeleting(name, by, deps.clock());
      if (!stored) return undefined;
      controller.wake(name);
      return (await viewsOf([stored]))[0];
    },
    render: (document) => engine.render(document),
    targetsOf: (document) => engine.targetsOf(document),
    async events(name, query) {
      const page = await store.propagations.events(name, query);
      return {
        items: page.items.map((e) => ({
          id: e.id,
          time: e.at.toISOString(),
          propagation: e.propagation,
          type: e.type,
          reason: e.reason,
          message: e.message,
          ...(e.messageWording
            ? { messageCode: e.messageWording.code, messageParams: e.messageWording.params }
            : {}),
          ...(e.cluster ? { cluster: e.cluster } : {}),
          ...(e.object ? { object: e.object } : {}),
        })),
        nextCursor: page.nextCursor,
      };
    },
    controller: () => ({ start: () => controller.start(), stop: () => controller.stop() }),
    prune: (before) => store.propagations.prune(before),
  };
}
