import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { ConflictError, InvalidObjectError } from '#server/resources/resource-errors.ts';
import { isLabelKey, isLabelValue, Problems } from '#server/workloads/field-checks.ts';
import { patchNode, readNode } from './node-edits.ts';

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

export interface Taint {
  key: string;
  value?: string;
  effect: (typeof TAINT_EFFECTS)[number];
  timeAdded?: string;
}

export interface TaintChanges {
  /** Added, or replacing the taint with the same key and effect. */
  add?: Taint[];
  /** Every taint with this key (and effect, when given). */
  remove?: { key: string; effect?: Taint['effect'] }[];
}

const same = (a: { key: string; effect?: string }, b: { key: string; effect?: string }) =>
  a.key === b.key && (a.effect === undefined || b.effect === undefined || a.effect === b.effect);

function check(node: string, changes: TaintChanges, current: Taint[]): void {
  const problems = new Problems();
  (changes.add ?? []).forEach((taint, index) => {
    const at = `add[${index}]`;
    if (problems.required(`${at}.key`, taint.key) && !isLabelKey(taint.key))
      problems.add(`${at}.key`, 'invalid', 'is not a valid taint key (the syntax of a label key)');
    if (taint.value !== undefined && !isLabelValue(taint.value))
      problems.add(`${at}.value`, 'invalid', 'must be up to 63 letters, digits, "-", "_" or "."');
    if (problems.required(`${at}.effect`, taint.effect))
      problems.oneOf(`${at}.effect`, taint.effect, TAINT_EFFECTS);
    const twin = (changes.add ?? []).findIndex(
      (other) => other.key === taint.key && other.effect === taint.effect,
    );
    if (twin !== index) problems.add(`${at}`, 'duplicate', `the same key and effect as add[${twin}]`);
  });
  (changes.remove ?? []).forEach((taint, index) => {
    problems.oneOf(`remove[${index}].effect`, taint.effect, TAINT_EFFECTS);
    if (!current.some((existing) => same(existing, taint)))
      problems.add(
        `remove[${index}]`,
        'not-found',
        `the node has no taint "${taint.key}${taint.effect ? `:${taint.effect}` : ''}"`,
      );
  });
  if (problems.list.length) throw new InvalidObjectError(`the taints of Node "${node}"`, problems.list);
}

/**
 * Adds and removes taints as `kubectl taint` does. The list is written with the resourceVersion
 * it was read at, so a taint added meanwhile (the node controller adds some) is not lost: the
 * write is tried again on a conflict.
 */
export async function editTaints(
  client: KubeClient,
  node: string,
  changes: TaintChanges,
): Promise<KubeObject> {
  for (let attempt = 1; ; attempt++) {
    const object = await readNode(client, node);
    const current = ((object.spec as { taints?: Taint[] } | undefined)?.taints ?? []).map((taint) => ({
      ...taint,
    }));
    check(node, changes, current);
    const kept = current.filter(
      (taint) =>
        !(changes.remove ?? []).some((removed) => same(taint, removed)) &&
        !(changes.add ?? []).some((added) => added.key === taint.key && added.effect === taint.effect),
    );
    const added = (changes.add ?? []).map(({ key, value, effect }) => ({
      key,
      effect,
      ...(value ? { value } : {}),
      ...(effect === 'NoExecute' ? { timeAdded: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } : {}),
    }));
    try {
      return await patchNode(client, node, {
        metadata: { resourceVersion: object.metadata?.resourceVersion },
        spec: { taints: [...kept, ...added] },
      });
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 3) throw error;
    }
  }
}
