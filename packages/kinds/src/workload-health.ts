import type { HealthRule } from './kind-descriptor.ts';

/**
 * A workload's health in words, judged from its stored or live object alone (no cluster call), so the
 * server's views and the console's lists say the same thing. `reason` is Kubernetes' own
 * (e.g. ProgressDeadlineExceeded).
 */
export interface Health {
  state: 'Available' | 'Progressing' | 'Degraded' | 'Paused' | 'Suspended' | 'Complete';
  reason?: string;
  message: string;
}

export const HEALTH_STATES: readonly Health['state'][] = [
  'Available',
  'Progressing',
  'Degraded',
  'Paused',
  'Suspended',
  'Complete',
];

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** The fields health reads; any Kubernetes workload object fits. */
export interface HealthSubject {
  metadata?: { name?: string; generation?: number };
  spec?: Record<string, unknown> & { replicas?: number; paused?: boolean; suspend?: boolean };
  status?: Record<string, unknown> & { conditions?: Condition[]; observedGeneration?: number };
}

/** Pod waiting reasons that will not clear by themselves. */
const STUCK = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'InvalidImageName',
]);

const count = (value: unknown) => (typeof value === 'number' ? value : 0);
const condition = (workload: HealthSubject, type: string) =>
  workload.status?.conditions?.find((entry) => entry.type === type);

/**
 * Health from the workload's status, and from its pods when given (a pod stuck in
 * CrashLoopBackOff makes any workload Degraded, even one with no progress deadline). `rule` is the
 * kind descriptor's `health`.
 */
export function healthOf(
  rule: HealthRule,
  workload: HealthSubject,
  stuckPods: { name: string; reason: string }[] = [],
): Health {
  const status = workload.status ?? {};
  const spec = workload.spec ?? {};
  if (rule === 'job') return jobHealth(workload);
  if (rule === 'cron-job') {
    if (spec.suspend) return { state: 'Suspended', message: 'no new jobs are scheduled until it is resumed' };
    const active = Array.isArray(status.active) ? status.active.length : 0;
    return { state: 'Available', message: `scheduled "${spec.schedule}"; ${active} job(s) running` };
  }
  const stuck = stuckPods[0];
  if (stuck) {
    return {
      state: 'Degraded',
      reason: stuck.reason,
      message: `pod ${stuck.name} is ${stuck.reason}${stuckPods.length > 1 ? ` (and ${stuckPods.length - 1} more)` : ''}`,
    };
  }
  if (rule === 'deployment' && spec.paused)
    return { state: 'Paused', message: 'the rollout is paused; resume it to continue' };
  if ((workload.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return {
      state: 'Progressing',
      reason: 'NewGeneration',
      message: 'waiting for the controller to see the latest change',
    };
  }
  if (rule === 'deployment') return deploymentHealth(workload);
  if (rule === 'stateful-set') return statefulSetHealth(workload);
  return daemonSetHealth(workload);
}

/** The pods whose containers wait for a reason that will not clear by itself. */
export function stuckPodsOf(
  pods: { metadata?: { name?: string }; status?: unknown }[],
): { name: string; reason: string }[] {
  return pods.flatMap((pod) => {
    const statuses =
      (pod.status as { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] })
        ?.containerStatuses ?? [];
    const reason = statuses
      .map((entry) => entry.state?.waiting?.reason)
      .find((value) => value && STUCK.has(value));
    return reason ? [{ name: pod.metadata?.name ?? '', reason }] : [];
  });
}

function deploymentHealth(workload: HealthSubject): Health {
  const status = workload.status ?? {};
  const desired = workload.spec?.replicas ?? 1;
  const progressing = condition(workload, 'Progressing');
  if (progressing?.status === 'False')
    return {
      state: 'Degraded',
      reason: progressing.reason ?? 'ProgressDeadlineExceeded',
      message: progressing.message ?? 'the rollout stopped making progress',
    };
  const failure = condition(workload, 'ReplicaFailure');
  if (failure?.status === 'True')
    return {
      state: 'Degraded',
      reason: failure.reason ?? 'ReplicaFailure',
      message: failure.message ?? 'pods cannot be created',
    };
  const updated = count(status.updatedReplicas);
  const available = count(status.availableReplicas);
  if (updated < desired)
    return {
      state: 'Progressing',
      reason: 'RollingUpdate',
      message: `${updated} of ${desired} new replicas have been updated`,
    };
  if (count(status.replicas) > updated)
    return {
      state: 'Progressing',
      reason: 'RollingUpdate',
      message: `${count(status.replicas) - updated} old replicas are pending termination`,
    };
  if (available < updated)
    return {
      state: 'Progressing',
      reason: 'WaitingForAvailability',
      message: `${available} of ${updated} updated replicas are available`,
    };
  const availableCondition = condition(workload, 'Available');
  if (availableCondition?.status === 'False')
    return {
      state: 'Degraded',
      reason: availableCondition.reason ?? 'MinimumReplicasUnavailable',
      message: availableCondition.message ?? 'too few replicas are available',
    };
  return { state: 'Available', message: `${available} of ${desired} replicas are available` };
}

function statefulSetHealth(workload: HealthSubject): Health {
  const status = workload.status ?? {};
  const desired = workload.spec?.replicas ?? 1;
  const ready = count(status.readyReplicas);
  const strategy = workload.spec?.updateStrategy as
    | { type?: string; rollingUpdate?: { partition?: number } }
    | undefined;
  if (ready < desired)
    return {
      state: 'Progressing',
      reason: 'WaitingForReady',
      message: `${ready} of ${desired} pods are ready`,
    };
  if (strategy?.type !== 'OnDelete') {
    const partition = strategy?.rollingUpdate?.partition ?? 0;
    const updated = count(status.updatedReplicas);
    if (updated < desired - partition)
      return {
        state: 'Progressing',
        reason: 'RollingUpdate',
        message: `${updated} of ${desired - partition} pods have been updated`,
      };
    if (partition === 0 && status.updateRevision && status.currentRevision !== status.updateRevision) {
      return {
        state: 'Progressing',
        reason: 'RollingUpdate',
        message: 'the update revision is not yet the current one',
      };
    }
  }
  return { state: 'Available', message: `${ready} of ${desired} pods are ready` };
}

function daemonSetHealth(workload: HealthSubject): Health {
  const status = workload.status ?? {};
  const desired = count(status.desiredNumberScheduled);
  const updated = count(status.updatedNumberScheduled);
  const available = count(status.numberAvailable);
  const strategy = (workload.spec?.updateStrategy as { type?: string } | undefined)?.type;
  if (strategy !== 'OnDelete' && updated < desired)
    return {
      state: 'Progressing',
      reason: 'RollingUpdate',
      message: `${updated} of ${desired} updated pods have been scheduled`,
    };
  if (available < desired)
    return {
      state: 'Progressing',
      reason: 'WaitingForAvailability',
      message: `${available} of ${desired} pods are available`,
    };
  return { state: 'Available', message: `${available} of ${desired} pods are available` };
}

function jobHealth(workload: HealthSubject): Health {
  const status = workload.status ?? {};
  const complete = condition(workload, 'Complete');
  if (complete?.status === 'True')
    return { state: 'Complete', message: `${count(status.succeeded)} pod(s) succeeded` };
  const failed = condition(workload, 'Failed');
  if (failed?.status === 'True')
    return {
      state: 'Degraded',
      reason: failed.reason ?? 'Failed',
      message: failed.message ?? 'the job failed',
    };
  if (workload.spec?.suspend) return { state: 'Suspended', message: 'the job is suspended' };
  const completions = typeof workload.spec?.completions === 'number' ? workload.spec.completions : 1;
  return {
    state: 'Progressing',
    reason: 'Running',
    message: `${count(status.active)} running, ${count(status.succeeded)} of ${completions} succeeded, ${count(status.failed)} failed`,
  };
}
