import type { PropagatedObject, PropagationTarget } from '@portolan/api';

export interface Placed {
  cluster: string;
  object: PropagatedObject;
}

export interface Workload {
  key: string;
  label: string;
  placed: Placed[];
}

/** Each propagated workload with where it runs: its objects that carry replica counts, by cluster. */
export function workloadsOf(targets: readonly PropagationTarget[]): Workload[] {
  const byKey = new Map<string, Workload>();
  for (const target of targets)
    for (const object of target.objects) {
      if (!object.replicas) continue;
      const key = `${object.kind}/${object.namespace ?? ''}/${object.name}`;
      const label = `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
      const workload = byKey.get(key) ?? { key, label, placed: [] };
      workload.placed.push({ cluster: target.cluster, object });
      byKey.set(key, workload);
    }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** Ready and desired replicas of a workload over every cluster it runs on. */
export function totalOf(workload: Workload): { ready: number; desired: number } {
  let ready = 0;
  let desired = 0;
  for (const { object } of workload.placed) {
    ready += object.replicas?.ready ?? 0;
    desired += object.replicas?.desired ?? 0;
  }
  return { ready, desired };
}
