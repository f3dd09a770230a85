import type { PropagationDocument } from '@portolan/api';
import type { ChangeHub, ResourceChangeEvent } from '#server/sync/change-hub.ts';

/** What one propagation reads from its source cluster, as the change feed names it. */
export interface SourceInterest {
  propagation: string;
  clusterId: string;
  /** Kind and namespace of each selector ('' for cluster-scoped or any), and its name if it names one. */
  selects: { kind: string; namespace: string; name?: string }[];
}

/** The kinds a workload's dependencies are (they come along with it and change on their own). */
const DEPENDENCY_KINDS = ['ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim'];

/** A document's source interest, or none when it reads nothing from a source cluster. */
export function interestOf(
  document: PropagationDocument,
  clusterId: (name: string) => string | undefined,
): SourceInterest | undefined {
  const source = document.spec.source?.cluster;
  const resources = document.spec.resources ?? [];
  const id = source ? clusterId(source) : undefined;
  if (!id || !resources.length) return undefined;
  const selects = resources.map((r) => ({
    kind: r.kind,
    namespace: r.namespace ?? '',
    ...(r.name ? { name: r.name } : {}),
  }));
  if (document.spec.includeDependencies !== false) {
    const namespaces = new Set(selects.map((s) => s.namespace).filter(Boolean));
    for (const namespace of namespaces)
      for (const kind of DEPENDENCY_KINDS) selects.push({ kind, namespace });
  }
  return { propagation: document.metadata.name, clusterId: id, selects };
}

const matches = (interest: SourceInterest, event: ResourceChangeEvent) =>
  interest.clusterId === event.clusterId &&
  interest.selects.some(
    (s) =>
      s.kind === event.kind &&
      (!s.namespace || s.namespace === event.namespace) &&
      (s.name === undefined || s.name === event.name),
  );

/** Everything of an object but its status and what the API server sets on every write. */
function specOf(object: unknown): string {
  if (!object || typeof object !== 'object') return '';
  const { status: _s, metadata, ...rest } = object as Record<string, unknown>;
  const {
    resourceVersion: _rv,
    managedFields: _mf,
    generation: _g,
    ...meta
  } = (metadata ?? {}) as Record<string, unknown>;
  return JSON.stringify([meta, rest]);
}

/**
 * Wakes a propagation when what it reads from its source cluster changes there (a new image in the
 * source Deployment, a ConfigMap it mounts), so a change made on the source reaches the members at
 * once rather than at the next resync. Status-only changes (a pod becoming Ready) are not changes.
 * It listens only to the source clusters' feeds, re-subscribing when the set of sources changes.
 */
export function createSourceWatch(deps: { changes: ChangeHub; wake(propagation: string): void }) {
  let interests: SourceInterest[] = [];
  let clusters = '';
  let unsubscribe: (() => void) | undefined;
  const seen = new Map<string, string>();

  function onChange(event: ResourceChangeEvent) {
    const woken = interests.filter((interest) => matches(interest, event));
    if (!woken.length) return;
    const key = `${event.clusterId}|${event.kind}|${event.namespace}|${event.name}`;
    if (event.type === 'ADDED' || event.type === 'MODIFIED') {
      const spec = specOf(event.object);
      const before = seen.get(key);
      seen.set(key, spec);
      // A first sight wakes too: a spare round costs less than a missed edit.
      if (before === spec) return;
    } else seen.delete(key);
    for (const interest of woken) deps.wake(interest.propagation);
  }

  return {
    /** The propagations' current interests; re-subscribes only when the source clusters change. */
    update(next: SourceInterest[]) {
      interests = next;
      const ids = [...new Set(next.map((i) => i.clusterId))].sort();
      if (ids.join(',') === clusters) return;
      clusters = ids.join(',');
      unsubscribe?.();
      unsubscribe = ids.length ? deps.changes.subscribe({ clusterIds: ids }, onChange) : undefined;
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      clusters = '';
      seen.clear();
    },
  };
}
