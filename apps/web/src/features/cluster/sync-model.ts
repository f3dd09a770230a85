import type { SyncAnswer } from './cluster-api.ts';

/** One failure and the resource kinds it stops; `kinds` is empty for the sync engine's own error. */
export interface SyncErrorGroup {
  message: string;
  kinds: string[];
}

export interface SyncFreshness {
  state: 'discovering' | 'syncing' | 'backoff' | 'stopped';
  /** Resource types still on their first list: their objects are not all in the store yet. */
  listing: number;
  kinds: number;
  objects: number;
  /** The newest change the store heard of, over every type. */
  latestEventAt: string | undefined;
  /** Identical errors once each, with the kinds they apply to; the most widespread first. */
  errors: SyncErrorGroup[];
}

/** The sync route's answer in the few figures a person reads: state, kinds, objects, last change, errors. */
export function syncFreshness(answer: SyncAnswer): SyncFreshness {
  const engine = answer.engine;
  const latest = answer.resources
    .map((resource) => resource.lastEventAt)
    .filter((at): at is string => Boolean(at))
    .sort()
    .at(-1);
  return {
    state: engine?.state ?? 'stopped',
    listing: engine?.resources.filter((resource) => resource.state === 'listing').length ?? 0,
    kinds: answer.resources.length,
    objects: answer.resources.reduce((sum, resource) => sum + resource.objectCount, 0),
    latestEventAt: latest,
    errors: groupErrors(answer),
  };
}

/**
 * An unreachable cluster fails every kind with the same words: one line per distinct error, naming
 * its kinds, reads better than the same sentence forty times.
 */
function groupErrors(answer: SyncAnswer): SyncErrorGroup[] {
  const groups = new Map<string, string[]>();
  for (const resource of answer.resources) {
    if (!resource.error) continue;
    const kinds = groups.get(resource.error) ?? [];
    if (!kinds.includes(resource.resource)) kinds.push(resource.resource);
    groups.set(resource.error, kinds);
  }
  const errors = [...groups].map(([message, kinds]) => ({ message, kinds: kinds.sort() }));
  errors.sort((a, b) => b.kinds.length - a.kinds.length || a.message.localeCompare(b.message));
  const engine = answer.engine?.error;
  return engine && !groups.has(engine) ? [{ message: engine, kinds: [] }, ...errors] : errors;
}
