import type { Health } from '@portolan/kinds';

/** A health detail as a message key of this area and its values; `text` when Kubernetes wrote it. */
export type HealthWords = { key: HealthKey; values: Record<string, string | number> } | { text: string };

export type HealthKey =
  | 'workloads.why.replicasAvailable'
  | 'workloads.why.podsReady'
  | 'workloads.why.podsAvailable'
  | 'workloads.why.scheduled'
  | 'workloads.why.jobComplete'
  | 'workloads.why.jobRunning'
  | 'workloads.why.jobSuspended'
  | 'workloads.why.cronSuspended'
  | 'workloads.why.paused'
  | 'workloads.why.newGeneration'
  | 'workloads.why.rollingOut'
  | 'workloads.why.stuckPod'
  | 'workloads.why.stuckPods';

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
const num = (value: unknown, fallback = 0) => (typeof value === 'number' ? value : fallback);
const STUCK_POD = /^pod (\S+) is (\S+?)(?: \(and (\d+) more\))?$/;

/**
 * What health's message says, in words the console can translate: the numbers are read again from
 * the object, and the rule that chose the state (`@portolan/kinds` healthOf) is followed by state and
 * reason. A message Kubernetes wrote (a condition's) is kept as written.
 */
export function healthWords(health: Health, kind: string, object: unknown): HealthWords {
  const spec = obj(obj(object).spec);
  const status = obj(obj(object).status);
  const desired = num(spec.replicas, 1);
  switch (health.state) {
    case 'Available':
      if (kind === 'CronJob')
        return {
          key: 'workloads.why.scheduled',
          values: {
            schedule: String(spec.schedule ?? ''),
            active: Array.isArray(status.active) ? status.active.length : 0,
          },
        };
      if (kind === 'StatefulSet')
        return { key: 'workloads.why.podsReady', values: { ready: num(status.readyReplicas), desired } };
      if (kind === 'DaemonSet')
        return {
          key: 'workloads.why.podsAvailable',
          values: { available: num(status.numberAvailable), desired: num(status.desiredNumberScheduled) },
        };
      return {
        key: 'workloads.why.replicasAvailable',
        values: { available: num(status.availableReplicas), desired },
      };
    case 'Complete':
      return { key: 'workloads.why.jobComplete', values: { succeeded: num(status.succeeded) } };
    case 'Paused':
      return { key: 'workloads.why.paused', values: {} };
    case 'Suspended':
      return {
        key: kind === 'CronJob' ? 'workloads.why.cronSuspended' : 'workloads.why.jobSuspended',
        values: {},
      };
    case 'Progressing': {
      if (health.reason === 'NewGeneration') return { key: 'workloads.why.newGeneration', values: {} };
      if (kind === 'Job')
        return {
          key: 'workloads.why.jobRunning',
          values: {
            active: num(status.active),
            succeeded: num(status.succeeded),
            completions: num(spec.completions, 1),
            failed: num(status.failed),
          },
        };
      const daemon = kind === 'DaemonSet';
      return {
        key: 'workloads.why.rollingOut',
        values: {
          updated: num(daemon ? status.updatedNumberScheduled : status.updatedReplicas),
          ready: num(daemon ? status.numberReady : status.readyReplicas),
          available: num(daemon ? status.numberAvailable : status.availableReplicas),
          desired: daemon ? num(status.desiredNumberScheduled) : desired,
        },
      };
    }
    case 'Degraded': {
      const [, pod, reason, more] = STUCK_POD.exec(health.message) ?? [];
      if (pod && reason && reason === health.reason)
        return more
          ? { key: 'workloads.why.stuckPods', values: { pod, reason, more: Number(more) } }
          : { key: 'workloads.why.stuckPod', values: { pod, reason } };
      return { text: health.message };
    }
  }
}
