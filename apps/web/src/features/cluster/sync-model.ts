import type { SyncReasonParams } from '@portolan/api';
import type { SyncAnswer } from './cluster-api.ts';

/**
 * One failure and the resource kinds it stops; `kinds` is empty for the sync engine's own error.
 * `message` is the server's English (of its first kind), `reasonCode`/`reasonParams` what the console
 * words it from (sync-reason.ts), null for an error kept before the codes.
 */
export interface SyncErrorGroup {
  /** What sets the group apart: its code and values, or its English when it has no code. */
  key: string;
  message: string;
  reasonCode: string | null;
  reasonParams: SyncReasonParams | null;
  kinds: string[];
}

interface Failure {
  error?: string | null;
  reasonCode?: string | null;
  reasonParams?: SyncReasonParams | null;
}

/** Values that name the one kind failing (the line beneath names every kind), not the failure. */
const ABOUT_THE_KIND = new Set(['resource', 'kind', 'group']);
/** Codes whose server message only names the kind again: kinds failing alike share a line. */
const DETAIL_NAMES_THE_KIND = new Set(['forbidden', 'not-found', 'unauthorized']);

/**
 * What makes two failures the same line: the code and its values, less those naming the kind;
 * the English for an error without a code.
 */
function failureKey(failure: Failure): string {
  const code = failure.reasonCode;
  if (!code || !failure.reasonParams) return `text:${failure.error}`;
  const values = Object.entries(failure.reasonParams)
    .filter(([name]) => !ABOUT_THE_KIND.has(name))
    .filter(([name]) => name !== 'detail' || !DETAIL_NAMES_THE_KIND.has(code))
    .sort(([a], [b]) => a.localeCompare(b));
  return `${code}:${JSON.stringify(values)}`;
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
 * An unreachable cluster fails every kind with the same words: one line per distinct failure (its code
 * and values), naming its kinds, reads better than the same sentence forty times.
 */
function groupErrors(answer: SyncAnswer): SyncErrorGroup[] {
  const groups = new Map<string, SyncErrorGroup>();
  for (const resource of answer.resources) {
    if (!resource.error) continue;
    const key = failureKey(resource);
    const group = groups.get(key) ?? {
      key,
      message: resource.error,
      reasonCode: resource.reasonCode ?? null,
      reasonParams: resource.reasonParams ?? null,
      kinds: [],
    };
    if (!group.kinds.includes(resource.resource)) group.kinds.push(resource.resource);
    groups.set(key, group);
  }
  const errors = [...groups.values()].map((group) => ({ ...group, kinds: group.kinds.sort() }));
  errors.sort((a, b) => b.kinds.length - a.kinds.length || a.message.localeCompare(b.message));
  const engine = answer.engine;
  if (!engine?.error) return errors;
  // The engine's failure met by the kinds too (the cluster is unreachable) is said once, with them.
  const engineKey = failureKey(engine);
  const shared = errors.some((group) => group.message === engine.error || group.key === engineKey);
  if (shared) return errors;
  const own = {
    key: `engine:${engineKey}`,
    message: engine.error,
    reasonCode: engine.reasonCode ?? null,
    reasonParams: engine.reasonParams ?? null,
    kinds: [],
  };
  return [own, ...errors];
}
