import type { KubeClient } from '#server/kube/kube-client.ts';
import { InvalidObjectError } from '#server/resources/resource-errors.ts';
import {
  MERGE_PATCH,
  patchWorkload,
  requireKind,
  type WorkloadRef,
  workloadKindsThat,
} from './workload-kinds.ts';

interface Scale {
  spec?: { replicas?: number };
  status?: { replicas?: number; selector?: string };
}

/** Sets the replica count through the scale subresource; answers the desired and current counts. */
export async function scaleWorkload(
  client: KubeClient,
  ref: WorkloadRef,
  replicas: number,
  options: { dryRun?: boolean } = {},
): Promise<{ replicas: number; currentReplicas: number }> {
  requireKind(ref, workloadKindsThat('scalable'), 'scaling');
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new InvalidObjectError(`${ref.kind} "${ref.name}"`, [
      { field: 'replicas', reason: 'invalid', message: 'must be a whole number of at least 0' },
    ]);
  }
  const scale = await patchWorkload<Scale>(
    client,
    ref,
    { spec: { replicas } },
    MERGE_PATCH,
    'scale',
    options.dryRun,
  );
  return { replicas: scale.spec?.replicas ?? replicas, currentReplicas: scale.status?.replicas ?? 0 };
}
