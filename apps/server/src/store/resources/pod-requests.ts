import { parseQuantity } from '@portolan/kinds';
import type { Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import type { GroupVersionResource } from '../store.ts';

/** A pod's effective CPU and memory request, in whole millicores and bytes. */
export interface PodRequest {
  cpuMillicores: number;
  memoryBytes: number;
}

type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
const asList = (value: unknown): Obj[] => (Array.isArray(value) ? value.map(asObject) : []);

/** The rows whose requests are summed: core pods, in whichever version is stored. */
export const isPodType = (type: Pick<GroupVersionResource, 'group' | 'resource'>): boolean =>
  type.group === '' && type.resource === 'pods';

/**
 * Whether a pod in this phase holds its requests. Succeeded and Failed pods are done: the scheduler no
 * longer counts them against their node. Pending pods (scheduled or not) and pods of unknown phase do.
 */
export const holdsRequests = (phase: string | null): boolean => phase !== 'Succeeded' && phase !== 'Failed';

/** A quantity in thousandths or in units, rounded up like Kubernetes' MilliValue()/Value(); 0 when malformed. */
function scaled(quantity: unknown, factor: number): number {
  if (typeof quantity !== 'string' && typeof quantity !== 'number') return 0;
  const value = parseQuantity(String(quantity)) * factor;
  if (!Number.isFinite(value) || value <= 0) return 0;
  // toPrecision drops binary noise (0.1 × 1000 = 100.00000000000001) before rounding up.
  return Math.ceil(Number(value.toPrecision(15)));
}

const EMPTY: PodRequest = { cpuMillicores: 0, memoryBytes: 0 };

function requestsOf(resources: unknown): PodRequest {
  const requests = asObject(asObject(resources).requests);
  return { cpuMillicores: scaled(requests.cpu, 1000), memoryBytes: scaled(requests.memory, 1) };
}

const add = (a: PodRequest, b: PodRequest): PodRequest => ({
  cpuMillicores: a.cpuMillicores + b.cpuMillicores,
  memoryBytes: a.memoryBytes + b.memoryBytes,
});
const max = (a: PodRequest, b: PodRequest): PodRequest => ({
  cpuMillicores: Math.max(a.cpuMillicores, b.cpuMillicores),
  memoryBytes: Math.max(a.memoryBytes, b.memoryBytes),
});

/**
 * A pod's effective request as the scheduler computes it (k8s.io/component-helpers resource.PodRequests),
 * per resource:
 *  - the sum of the app containers and of the sidecars (init containers with restartPolicy Always);
 *  - at least the largest init step: a regular init container's request plus the sidecars started
 *    before it, or the running sum of sidecars at each sidecar;
 *  - replaced by the pod-level request (spec.resources.requests) where one is set;
 *  - plus spec.overhead (the RuntimeClass's fixed cost).
 * Requests the API server defaulted from limits are already in the object.
 */
export function podRequest(object: unknown): PodRequest {
  const spec = asObject(asObject(object).spec);
  let containers = EMPTY;
  for (const container of asList(spec.containers))
    containers = add(containers, requestsOf(container.resources));
  let sidecars = EMPTY;
  let initSteps = EMPTY;
  for (const container of asList(spec.initContainers)) {
    const own = requestsOf(container.resources);
    if (container.restartPolicy === 'Always') {
      containers = add(containers, own);
      sidecars = add(sidecars, own);
      initSteps = max(initSteps, sidecars);
    } else {
      initSteps = max(initSteps, add(own, sidecars));
    }
  }
  let total = max(containers, initSteps);
  const podLevel = asObject(asObject(spec.resources).requests);
  if (podLevel.cpu !== undefined) total = { ...total, cpuMillicores: scaled(podLevel.cpu, 1000) };
  if (podLevel.memory !== undefined) total = { ...total, memoryBytes: scaled(podLevel.memory, 1) };
  const overhead = asObject(spec.overhead);
  return add(total, { cpuMillicores: scaled(overhead.cpu, 1000), memoryBytes: scaled(overhead.memory, 1) });
}

/** What a stored pod row adds to its namespace's sums: nothing once it has finished. */
export function heldRequest(
  phase: string | null,
  request: { cpuMillicores: number | null; memoryBytes: number | null },
): { pods: number } & PodRequest {
  if (!holdsRequests(phase)) return { pods: 0, cpuMillicores: 0, memoryBytes: 0 };
  return {
    pods: 1,
    cpuMillicores: Number(request.cpuMillicores ?? 0),
    memoryBytes: Number(request.memoryBytes ?? 0),
  };
}

/**
 * Changes to the per-(cluster, namespace) request sums in one transaction, applied like the counts: in
 * a fixed order (after the counts, by namespace) so concurrent writers cannot deadlock.
 */
export class RequestDeltas {
  #deltas = new Map<string, { pods: number } & PodRequest>();

  add(namespace: string, held: { pods: number } & PodRequest, sign: 1 | -1): void {
    if (held.pods === 0 && held.cpuMillicores === 0 && held.memoryBytes === 0) return;
    const entry = this.#deltas.get(namespace) ?? { pods: 0, cpuMillicores: 0, memoryBytes: 0 };
    entry.pods += sign * held.pods;
    entry.cpuMillicores += sign * held.cpuMillicores;
    entry.memoryBytes += sign * held.memoryBytes;
    this.#deltas.set(namespace, entry);
  }

  async apply(trx: Transaction<Database>, clusterId: string): Promise<void> {
    const rows = [...this.#deltas]
      .filter(([, d]) => d.pods !== 0 || d.cpuMillicores !== 0 || d.memoryBytes !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([namespace, d]) => ({
        cluster_id: clusterId,
        namespace,
        pods: d.pods,
        cpu_millicores: d.cpuMillicores,
        memory_bytes: d.memoryBytes,
      }));
    // Rows per statement: well under both dialects' limits on bound parameters.
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      await trx
        .insertInto('pod_requests')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['cluster_id', 'namespace']).doUpdateSet((eb) => ({
            pods: eb('pod_requests.pods', '+', eb.ref('excluded.pods')),
            cpu_millicores: eb('pod_requests.cpu_millicores', '+', eb.ref('excluded.cpu_millicores')),
            memory_bytes: eb('pod_requests.memory_bytes', '+', eb.ref('excluded.memory_bytes')),
          })),
        )
        .execute();
      // A namespace left with no pods holding requests drops out, so namespaces that come and go
      // (test and preview environments) do not accumulate rows.
      await trx
        .deleteFrom('pod_requests')
        .where('cluster_id', '=', clusterId)
        .where(
          'namespace',
          'in',
          part.map((r) => r.namespace),
        )
        .where('pods', '<=', 0)
        .execute();
    }
  }
}
