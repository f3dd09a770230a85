import type { KubeObject } from '#server/resources/kube-object.ts';

export interface DrainOptions {
  /** Evict pods no controller manages (nothing will recreate them). */
  force?: boolean;
  /** Evict pods with emptyDir volumes (their data is lost). */
  deleteEmptyDirData?: boolean;
}

/** Why a pod is left on the node. */
export type SkipReason = 'DaemonSet' | 'MirrorPod' | 'Unmanaged' | 'LocalStorage';

export type PodPlan =
  | { pod: KubeObject; evict: true }
  | { pod: KubeObject; evict: false; reason: SkipReason; message: string };

const MIRROR = 'kubernetes.io/config.mirror';

interface PodShape extends KubeObject {
  spec?: { volumes?: { emptyDir?: unknown }[] };
  status?: { phase?: string };
}

/**
 * What `kubectl drain` would do with each pod: DaemonSet and mirror pods stay (their controller
 * or the kubelet would put them back); pods without a controller, or with emptyDir data, stay
 * unless the caller says so. Finished pods are always evicted: nothing is lost.
 */
export function planDrain(pods: KubeObject[], options: DrainOptions): PodPlan[] {
  return pods.map((pod: PodShape): PodPlan => {
    const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (pod.metadata?.annotations?.[MIRROR] !== undefined) {
      return {
        pod,
        evict: false,
        reason: 'MirrorPod',
        message: 'a static pod: the kubelet runs it from a file on the node',
      };
    }
    const controller = pod.metadata?.ownerReferences?.find((owner) => owner.controller);
    if (controller?.kind === 'DaemonSet') {
      return {
        pod,
        evict: false,
        reason: 'DaemonSet',
        message: 'a DaemonSet pod: its controller would put it back',
      };
    }
    if (!controller && !finished && !options.force) {
      return {
        pod,
        evict: false,
        reason: 'Unmanaged',
        message:
          'no controller manages it, so nothing would recreate it; drain with force to evict it anyway',
      };
    }
    if (
      !finished &&
      !options.deleteEmptyDirData &&
      (pod.spec?.volumes ?? []).some((volume) => volume.emptyDir)
    ) {
      return {
        pod,
        evict: false,
        reason: 'LocalStorage',
        message: 'its emptyDir data would be lost; drain with deleteEmptyDirData to evict it anyway',
      };
    }
    return { pod, evict: true };
  });
}
