import { isReleaseSecret, RELEASE_ANNOTATION, releaseMetadataOf } from '#server/helm/release-secret.ts';
import { maskSecretValues } from '#server/kube/secret-mask.ts';
import type { GroupVersionResource } from '#server/store/store.ts';

/**
 * What must never reach the store: Secret values. Lists and searches show a Secret's keys, each value
 * masked as the REST answers mask it; values are read live from the cluster, as the caller, only by
 * someone allowed to read them. A Helm release Secret also keeps its release's metadata (chart,
 * version, status, dates) in an annotation, read from the payload before it is masked, so releases
 * can be listed from the store; never its values, manifest or notes.
 */
export function sanitizeObject(type: GroupVersionResource, object: unknown): unknown {
  if (type.group !== '' || type.resource !== 'secrets' || !object || typeof object !== 'object')
    return object;
  const masked = maskSecretValues(object as Record<string, unknown>);
  return isReleaseSecret(object) ? withReleaseMetadata(masked, releaseMetadataOf(object)) : masked;
}

/** The masked Secret with the release metadata written over whatever the annotation held. */
function withReleaseMetadata(masked: Record<string, unknown>, release: object): Record<string, unknown> {
  const metadata = (masked.metadata ?? {}) as Record<string, unknown>;
  const annotations = (metadata.annotations ?? {}) as Record<string, string>;
  return {
    ...masked,
    metadata: { ...metadata, annotations: { ...annotations, [RELEASE_ANNOTATION]: JSON.stringify(release) } },
  };
}
