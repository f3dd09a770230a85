/**
 * The one rule for hiding Secret values, wherever a Secret is shown without them: the store (and so
 * search and the change stream) and the REST answers alike.
 */

/** What a masked value reads as: not base64, so a masked Secret sent back cannot be stored. */
export const MASKED = '<masked>';
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Obj = Record<string, unknown>;

/**
 * A copy of a Secret with every value of data and stringData replaced by MASKED (its keys stay
 * visible), and its last-applied annotation too, since `kubectl apply` copies the values into it.
 */
export function maskSecretValues<T extends object>(secret: T): T {
  const source = secret as Obj;
  const masked: Obj = { ...source };
  for (const field of ['data', 'stringData']) {
    const values = source[field];
    if (values && typeof values === 'object')
      masked[field] = Object.fromEntries(Object.keys(values).map((key) => [key, MASKED]));
  }
  const metadata = source.metadata as Obj | undefined;
  const annotations = metadata?.annotations as Record<string, string> | undefined;
  if (annotations && LAST_APPLIED in annotations)
    masked.metadata = { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: MASKED } };
  return masked as T;
}
