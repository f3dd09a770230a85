import type { GroupVersionResource } from '#server/store/store.ts';

type Obj = Record<string, unknown>;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What must never reach the store: Secret values. Lists and searches show a Secret's keys; its
 * values are read live from the cluster, as the caller, only by someone allowed to read them.
 * The last-applied annotation is dropped too, since `kubectl apply` copies the values into it.
 */
export function sanitizeObject(type: GroupVersionResource, object: unknown): unknown {
  if (type.group !== '' || type.resource !== 'secrets' || !object || typeof object !== 'object')
    return object;
  const secret = object as Obj;
  const masked: Obj = { ...secret };
  for (const field of ['data', 'stringData']) {
    const values = secret[field];
    if (values && typeof values === 'object') {
      masked[field] = Object.fromEntries(Object.keys(values).map((key) => [key, '']));
    }
  }
  const metadata = (secret.metadata ?? {}) as Obj;
  const annotations = metadata.annotations as Record<string, string> | undefined;
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
    masked.metadata = { ...metadata, annotations: rest };
  }
  return masked;
}
