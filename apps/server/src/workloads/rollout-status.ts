import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { describeHealth, type Health } from './workload-health.ts';
import { readWorkload, requireKind, type WorkloadRef } from './workload-kinds.ts';

export interface RolloutStatus {
  health: Health;
  /** True once the latest change is fully rolled out and available. */
  done: boolean;
  replicas: { desired: number; updated: number; ready: number; available: number };
}

type Numbers = Record<string, number | undefined>;

/** Where a rollout stands, in words and numbers (as `kubectl rollout status`, without waiting). */
export async function rolloutStatus(client: KubeClient, ref: WorkloadRef): Promise<RolloutStatus> {
  requireKind(ref, ['Deployment', 'StatefulSet', 'DaemonSet'], 'rollout status');
  const workload = await readWorkload<KubeObject & { spec?: Numbers; status?: Numbers }>(client, ref);
  const status = workload.status ?? {};
  const replicas =
    ref.kind === 'DaemonSet'
      ? {
          desired: status.desiredNumberScheduled ?? 0,
          updated: status.updatedNumberScheduled ?? 0,
          ready: status.numberReady ?? 0,
          available: status.numberAvailable ?? 0,
        }
      : {
          desired: workload.spec?.replicas ?? 1,
          updated: status.updatedReplicas ?? 0,
          ready: status.readyReplicas ?? 0,
          available: status.availableReplicas ?? 0,
        };
  const health = describeHealth(ref.kind, workload);
  return { health, done: health.state === 'Available', replicas };
}
