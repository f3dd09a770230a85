import { maskSecretValues } from '#server/kube/secret-mask.ts';
import type { GroupVersionResource } from '#server/store/store.ts';

/**
 * What must never reach the store: Secret values. Lists and searches show a Secret's keys, each value
 * masked as the REST answers mask it; values are read live from the cluster, as the caller, only by
 * someone allowed to read them.
 */
export function sanitizeObject(type: GroupVersionResource, object: unknown): unknown {
  if (type.group !== '' || type.resource !== 'secrets' || !object || typeof object !== 'object')
    return object;
  return maskSecretValues(object);
}
