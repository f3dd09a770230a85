import type { PropagationDocument } from '@portolan/api';
import { parseQuantity } from '@portolan/kinds';
import { isPlainObject, type KubeObject } from '#server/resources/kube-object.ts';
import type {
  ClusterFacts,
  FailoverMove,
  FailoverState,
  RenderedObject,
  ReplicaRequest,
} from '../contract.ts';
import { planFailover, podSpecOf, splitReplicas } from '../placement/index.ts';
import { identityOf, isScaledWorkload, keyOf } from './object-shape.ts';

/** Per workload (by keyOf) and cluster: how many replicas to apply this round. */
export type ReplicaPlan = Map<string, Record<string, number>>;

export interface PlannedReplicas {
  plan: ReplicaPlan;
  /** Failover's memory for the next round, by workload. */
  state: Record<string, FailoverState>;
  moves: (FailoverMove & { workload: string })[];
}

/** One replica's requests: the sum over the pod template's containers. */
function requestOf(object: KubeObject): ReplicaRequest {
  const spec = podSpecOf(object);
  const containers = Array.isArray(spec?.containers) ? spec.containers : [];
  let cpuMillis = 0;
  let memoryBytes = 0;
  for (const container of containers) {
    const resources =
      isPlainObject(container) && isPlainObject(container.resources) ? container.resources : {};
    const requests = isPlainObject(resources.requests) ? resources.requests : {};
    cpuMillis += (parseQuantity(requests.cpu as string | undefined) || 0) * 1000;
    memoryBytes += parseQuantity(requests.memory as string | undefined) || 0;
  }
  return { cpuMillis, memoryBytes };
}

const replicasOf = (object: KubeObject) => {
  const replicas = isPlainObject(object.spec) ? object.spec.replicas : undefined;
  return typeof replicas === 'number' ? replicas : 1;
};

const isFailoverState = (value: unknown): value is FailoverState =>
  isPlainObject(value) && isPlainObject(value.borrowed);

/**
 * Every scaled workload's replicas per target: the policy's share (splitReplicas over all targets,
 * as if all were healthy), then, with failover on, this round's moves away from clusters Offline past
 * the grace and back to those that returned (planFailover, with the stored state and ready counts).
 */
export function planReplicas(input: {
  document: PropagationDocument;
  objects: readonly RenderedObject[];
  targets: readonly ClusterFacts[];
  /** The source cluster: what is read from it is never placed back on it (see renderTargets). */
  source?: string | undefined;
  now: Date;
  stored: Record<string, unknown>;
  /** Ready replicas of a workload on a cluster, from the synced store (undefined: unknown). */
  ready: (workload: string, cluster: string) => number | undefined;
}): PlannedReplicas {
  const { document } = input;
  const placement = document.spec.placement.replicas;
  const failover = document.spec.failover;
  const planned: PlannedReplicas = { plan: new Map(), state: {}, moves: [] };
  for (const { object, origin } of input.objects) {
    const identity = identityOf(object);
    if (!isScaledWorkload(identity)) continue;
    const targets =
      origin === 'template' ? input.targets : input.targets.filter((t) => t.name !== input.source);
    const workload = keyOf(identity);
    const request = placement?.mode === 'Capacity' ? { request: requestOf(object) } : {};
    const share = splitReplicas({ total: replicasOf(object), placement, targets, ...request });
    if (!failover?.enabled) {
      planned.plan.set(workload, share);
      continue;
    }
    const previous = input.stored[workload];
    const result = planFailover({
      now: input.now,
      graceSeconds: failover.graceSeconds ?? 60,
      minReadyReplicas: failover.minReadyReplicas ?? 0,
      placement,
      targets,
      share,
      ready: Object.fromEntries(
        targets.map((t) => [t.name, t.status === 'Offline' ? undefined : input.ready(workload, t.name)]),
      ),
      state: isFailoverState(previous) ? previous : { borrowed: {} },
      // Capacity failover weighs the receivers by how many of this workload's replicas fit.
      ...request,
    });
    planned.plan.set(workload, result.replicas);
    planned.state[workload] = result.state;
    planned.moves.push(...result.moves.map((move) => ({ ...move, workload })));
  }
  return planned;
}

/** Replicas a cluster took over (movedIn) or lent out while Offline (movedOut), over every workload. */
export function movedReplicas(
  state: Record<string, unknown>,
  cluster: string,
): { movedIn: number; movedOut: number } {
  let movedIn = 0;
  let movedOut = 0;
  for (const value of Object.values(state)) {
    if (!isFailoverState(value)) continue;
    for (const [borrower, lenders] of Object.entries(value.borrowed)) {
      for (const [lender, count] of Object.entries(lenders)) {
        if (borrower === cluster) movedIn += count;
        if (lender === cluster) movedOut += count;
      }
    }
  }
  return { movedIn, movedOut };
}
