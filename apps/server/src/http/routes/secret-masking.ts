import type { KubeObject } from '#server/resources/kube-object.ts';
import { InvalidObjectError } from '#server/resources/resource-errors.ts';

/** What a masked value reads as: not base64, so a masked Secret sent back cannot be stored. */
export const MASKED = '<masked>';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const isSecret = (object: unknown): object is KubeObject =>
  typeof object === 'object' &&
  object !== null &&
  (object as KubeObject).kind === 'Secret' &&
  (object as KubeObject).apiVersion === 'v1';

/**
 * A Secret with every value replaced by MASKED (its keys stay visible), and its last-applied
 * annotation masked too, since `kubectl apply` copies the values into it. Other objects pass as
 * they are.
 */
export function maskSecret<T>(object: T): T {
  if (!isSecret(object)) return object;
  const masked: KubeObject = { ...object };
  for (const field of ['data', 'stringData']) {
    const values = object[field];
    if (values && typeof values === 'object') {
      masked[field] = Object.fromEntries(Object.keys(values).map((key) => [key, MASKED]));
    }
  }
  const annotations = object.metadata?.annotations;
  if (annotations && LAST_APPLIED in annotations) {
    masked.metadata = { ...object.metadata, annotations: { ...annotations, [LAST_APPLIED]: MASKED } };
  }
  return masked as T;
}

/** Refuses to write a Secret that still carries masked values: they would replace the real ones. */
export function refuseMaskedValues(object: unknown): void {
  if (!isSecret(object)) return;
  const fields = ['data', 'stringData'].flatMap((field) =>
    Object.entries((object[field] ?? {}) as Record<string, unknown>)
      .filter(([, value]) => value === MASKED)
      .map(([key]) => ({
        field: `${field}.${key}`,
        reason: 'FieldValueMasked',
        message:
          'is the masked placeholder, not a value: read the Secret with reveal=true to edit its values, or patch only the keys you change',
      })),
  );
  if (fields.length) throw new InvalidObjectError(`Secret "${object.metadata?.name ?? ''}"`, fields);
}
