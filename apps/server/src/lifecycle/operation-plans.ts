import type { ManagedClusterSpec, NodePool, OperationStep } from '@portolan/api';
import { newStep } from './operation.ts';

const RESUME_NOTE = 'if Portolan restarts meanwhile, the operation is resumed from the step it was on, once';

/** create: check, build the version if needed, make the cluster, wait for its nodes, register it. */
export function createPlan(spec: ManagedClusterSpec): OperationStep[] {
  const nodes = spec.nodePools.reduce((sum, pool) => sum + pool.count, 0);
  return [
    newStep('validate', 'validate', `Check the cluster's name, version, networks and node pools`),
    newStep(
      'prepare-version',
      'prepare-version',
      `Prepare Kubernetes ${spec.version} (built once, then cached)`,
      {
        version: spec.version,
      },
    ),
    newStep('create', 'create', `Make the control plane and ${nodes} nodes`, { nodes }),
    newStep('wait-ready', 'wait-ready', 'Wait until the API server is ready and every node is Ready'),
    newStep('register', 'register', 'Register the cluster in Portolan and wait until it syncs'),
  ];
}

/** Newest node first: the highest number after the pool's name (`<cluster>-<pool>-<n>`). */
export function newestFirst(nodes: string[]): string[] {
  const number = (name: string) => Number(/(\d+)$/.exec(name)?.[1] ?? -1);
  return [...nodes].sort((a, b) => number(b) - number(a) || b.localeCompare(a));
}

/** upgrade: checks, snapshot, control plane, each pool `maxUnavailable` nodes at a time, post-checks. */
export function upgradePlan(
  from: string,
  to: string,
  nodesByPool: Map<string, string[]>,
  maxUnavailable: number,
): OperationStep[] {
  const steps = [
    newStep('preflight', 'preflight', `Check the cluster can go from ${from} to ${to}`, { from, to }),
    {
      ...newStep('snapshot', 'snapshot', 'Take an etcd snapshot to roll back to', { reason: 'pre-upgrade' }),
      titleCode: 'snapshot-pre-upgrade',
    },
    newStep('control-plane', 'control-plane', `Restart the control plane on ${to} over the same data`, {
      version: to,
    }),
  ];
  for (const [pool, nodes] of nodesByPool) {
    const sorted = [...nodes].sort();
    for (let i = 0; i < sorted.length; i += maxUnavailable) {
      const batch = sorted.slice(i, i + maxUnavailable);
      steps.push(
        newStep(
          `node:${batch.join(',')}`,
          'upgrade-nodes',
          `Pool ${pool}: cordon, drain, upgrade to ${to} and uncordon ${batch.join(', ')}`,
          { pool, nodes: batch.join(','), version: to },
        ),
      );
    }
  }
  steps.push(
    newStep(
      'post-checks',
      'post-checks',
      `Check every node and the control plane run ${to} and workloads are available`,
      {
        version: to,
      },
    ),
  );
  return steps;
}

/** PUT pool: drain and remove the nodes a scale-down drops (newest first), then apply the pool. */
export function poolPlan(pool: NodePool, existing: string[]): OperationStep[] {
  const removed = newestFirst(existing).slice(0, Math.max(0, existing.length - pool.count));
  return [
    ...removed.map((node) =>
      newStep(`remove:${node}`, 'remove-node', `Drain and remove node ${node}`, { pool: pool.name, node }),
    ),
    newStep(
      'apply-pool',
      'apply-pool',
      `Apply pool ${pool.name}: ${pool.count} nodes, its labels and taints`,
      {
        pool: pool.name,
        count: pool.count,
      },
    ),
  ];
}

/** DELETE pool: drain and remove every node, then forget the pool. */
export function removePoolPlan(pool: string, nodes: string[]): OperationStep[] {
  return [
    ...newestFirst(nodes).map((node) =>
      newStep(`remove:${node}`, 'remove-node', `Drain and remove node ${node}`, { pool, node }),
    ),
    newStep('remove-pool', 'remove-pool', `Forget pool ${pool}`, { pool }),
  ];
}

export function snapshotPlan(reason: 'manual' | 'schedule', keep?: number): OperationStep[] {
  return [
    newStep('snapshot', 'snapshot', 'Take an etcd snapshot', { reason }),
    ...(keep !== undefined
      ? [
          newStep('prune', 'prune', `Keep the newest ${keep} scheduled snapshots, remove older ones`, {
            keep,
          }),
        ]
      : []),
  ];
}

export function restorePlan(snapshot: string): OperationStep[] {
  return [
    newStep('restore', 'restore', `Restore etcd from snapshot ${snapshot} (writes after it are lost)`, {
      snapshot,
    }),
    newStep('wait-ready', 'wait-ready', 'Wait until the API server is ready and every node is Ready'),
  ];
}

/** Rollback of a failed upgrade: the steps added to it. */
export function rollbackSteps(snapshot: string): OperationStep[] {
  return [
    {
      ...newStep(
        'rollback',
        'restore',
        `Roll back: restore etcd from the pre-upgrade snapshot ${snapshot} (writes since it are lost)`,
        { snapshot },
      ),
      titleCode: 'rollback',
    },
    newStep('rollback-wait', 'wait-ready', 'Wait until the API server is ready and every node is Ready'),
  ];
}

export function deletePlan(name: string): OperationStep[] {
  return [
    newStep('unregister', 'unregister', `Unregister ${name} from Portolan`),
    newStep('delete', 'delete', `Stop and remove ${name} and its snapshots`),
    newStep('forget', 'forget', `Forget ${name}`),
  ];
}

export { RESUME_NOTE };
