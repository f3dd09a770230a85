import { MASKED, maskSecretValues } from '#server/kube/secret-mask.ts';
import { isPlainObject, type KubeObject } from '#server/resources/kube-object.ts';
import { diffObjects } from '#server/resources/object-diff.ts';

/**
 * The live object cut down to the fields the rendered one sets: server-side apply under Portolan's
 * field manager changes only those, so defaults the API server filled in and fields other managers
 * own (an HPA's replicas, another controller's container) are not shown as changes. Lists of named
 * items (containers, ports, env) are matched by name and items only the live object has are left
 * out, as the apply leaves them; other lists are replaced whole, so they are compared whole.
 */
export function projectOnto(live: unknown, shape: unknown): unknown {
  if (isPlainObject(shape) && isPlainObject(live))
    return Object.fromEntries(
      Object.keys(shape)
        .filter((key) => key in live)
        .map((key) => [key, projectOnto(live[key], shape[key])]),
    );
  if (Array.isArray(shape) && Array.isArray(live)) {
    const named = shape.every((item) => isPlainObject(item) && typeof item.name === 'string');
    if (!named) return live.map((item, index) => projectOnto(item, shape[index]));
    return live.flatMap((item) => {
      const partner = isPlainObject(item) ? shape.find((entry) => entry.name === item.name) : undefined;
      return partner === undefined ? [] : [projectOnto(item, partner)];
    });
  }
  return live;
}

const CHANGED = '<masked, changed>';

const isSecret = (object: KubeObject | undefined) => object?.kind === 'Secret' && object.apiVersion === 'v1';

/**
 * A Secret pair without values: each of the proposed values reads `<masked>` when the live one is
 * the same and `<masked, changed>` when not, so the diff still says which keys change.
 */
function maskedPair(
  live: KubeObject | undefined,
  proposed: KubeObject,
): [KubeObject | undefined, KubeObject] {
  const masked = maskSecretValues(proposed);
  for (const field of ['data', 'stringData']) {
    const values = proposed[field];
    const before = isPlainObject(live?.[field]) ? (live[field] as Record<string, unknown>) : {};
    if (isPlainObject(values))
      masked[field] = Object.fromEntries(
        Object.entries(values).map(([key, value]) => [key, before[key] === value ? MASKED : CHANGED]),
      );
  }
  return [live && maskSecretValues(live), masked];
}

export interface ObjectDiff {
  action: 'create' | 'update' | 'unchanged' | 'delete';
  /** The object as it would be applied (a Secret's values masked unless revealed). */
  object?: KubeObject;
  diff: string;
}

/**
 * The diff of what applying `proposed` would change on `live` (undefined: absent there), or of
 * removing `live` when nothing is proposed. Secret values stay masked unless `reveal`.
 */
export function diffForPreview(
  live: KubeObject | undefined,
  proposed: KubeObject | undefined,
  label: string,
  reveal: boolean,
): ObjectDiff {
  const compared = live && proposed ? (projectOnto(live, proposed) as KubeObject) : live;
  const secret = isSecret(proposed ?? live) && !reveal;
  const [before, after] =
    secret && proposed
      ? maskedPair(compared, proposed)
      : [secret && compared ? maskSecretValues(compared) : compared, proposed];
  const diff = diffObjects(before, after, {
    before: before ? `live ${label}` : '/dev/null',
    after: after ? `proposed ${label}` : '/dev/null',
  });
  const object = proposed && (secret ? maskSecretValues(proposed) : proposed);
  const action = !proposed ? 'delete' : !live ? 'create' : diff ? 'update' : 'unchanged';
  return { action, diff, ...(object ? { object } : {}) };
}
