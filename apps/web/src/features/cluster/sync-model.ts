import type { SyncAnswer } from './cluster-api.ts';

export interface SyncFreshness {
  state: 'discovering' | 'syncing' | 'backoff' | 'stopped';
  /** Resource types still on their first list: their objects are not all in the store yet. */
  listing: number;
  kinds: number;
  objects: number;
  /** The newest change the store heard of, over every type. */
  latestEventAt: string | undefined;
  errors: string[];
}

/** The sync route's answer in the few figures a person reads: state, kinds, objects, last change, errors. */
export function syncFreshness(answer: SyncAnswer): SyncFreshness {
  const engine = answer.engine;
  const latest = answer.resources
    .map((resource) => resource.lastEventAt)
    .filter((at): at is string => Boolean(at))
    .sort()
    .at(-1);
  const errors = [
    ...(engine?.error ? [engine.error] : []),
    ...answer.resources.flatMap((resource) =>
      resource.error ? [`${resource.resource}: ${resource.error}`] : [],
    ),
  ];
  return {
    state: engine?.state ?? 'stopped',
    listing: engine?.resources.filter((resource) => resource.state === 'listing').length ?? 0,
    kinds: answer.resources.length,
    objects: answer.resources.reduce((sum, resource) => sum + resource.objectCount, 0),
    latestEventAt: latest,
    errors,
  };
}
