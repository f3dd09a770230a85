import { MASKED, maskSecretValues } from '#server/kube/secret-mask.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { InvalidObjectError } from '#server/resources/resource-errors.ts';

export { MASKED };

const isSecret = (object: unknown): object is KubeObject =>
  typeof object === 'object' &&
  object !== null &&
  (object as KubeObject).kind === 'Secret' &&
  (object as KubeObject).apiVersion === 'v1';

/** A Secret masked by the rule the store follows too (maskSecretValues); other objects pass as they are. */
export function maskSecret<T>(object: T): T {
  return isSecret(object) ? (maskSecretValues(object) as T) : object;
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
