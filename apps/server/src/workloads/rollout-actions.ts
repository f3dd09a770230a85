import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { ResourceError } from '#server/resources/resource-errors.ts';
import {
  MERGE_PATCH,
  patchWorkload,
  readWorkload,
  requireKind,
  STRATEGIC_PATCH,
  type WorkloadRef,
  workloadKindsThat,
} from './workload-kinds.ts';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/**
 * Replaces every pod by changing the template's restartedAt annotation, as `kubectl rollout
 * restart` does; the usual rollout (and its surge limits) applies. `now` is injected for tests.
 */
export async function restartWorkload(
  client: KubeClient,
  ref: WorkloadRef,
  now: () => Date = () => new Date(),
): Promise<KubeObject> {
  requireKind(ref, workloadKindsThat('restartable'), 'restart');
  if (ref.kind === 'Deployment') {
    const workload = await readWorkload<KubeObject & { spec?: { paused?: boolean } }>(client, ref);
    if (workload.spec?.paused) {
      throw new ResourceError(
        'bad-request',
        409,
        `Deployment "${ref.name}" is paused; resume it before restarting`,
      );
    }
  }
  const at = now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  return patchWorkload(
    client,
    ref,
    { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at } } } } },
    STRATEGIC_PATCH,
  );
}

/** Stops a Deployment's rollouts: template changes wait until it is resumed. */
export function pauseRollout(client: KubeClient, ref: WorkloadRef): Promise<KubeObject> {
  requireKind(ref, ['Deployment'], 'pause');
  return patchWorkload(client, ref, { spec: { paused: true } }, MERGE_PATCH);
}

export function resumeRollout(client: KubeClient, ref: WorkloadRef): Promise<KubeObject> {
  requireKind(ref, ['Deployment'], 'resume');
  return patchWorkload(client, ref, { spec: { paused: null } }, MERGE_PATCH);
}
