import type {
  PropagatedObject,
  PropagationDocument,
  PropagationTarget,
  PropagationView,
  PropagationWording,
} from '@portolan/api';
import { isPlainObject } from '#server/resources/kube-object.ts';
import type {
  OwnedObject,
  StoredPropagation,
  StoredTarget,
} from '#server/store/propagations/propagation-store.ts';
import type { ResourceStore } from '#server/store/store.ts';
import { isScaledWorkload, storedTypeOf } from './object-shape.ts';
import { because, wording } from './wording.ts';

/** A stored reason as the API has it: the English, and its code and values when it has them. */
function reasonFields(from: { reason: string | null; reasonWording?: PropagationWording | null }) {
  if (!from.reason) return {};
  const words = from.reasonWording;
  return {
    reason: from.reason,
    ...(words ? { reasonCode: words.code, reasonParams: words.params } : {}),
  };
}

type Phase = PropagationView['status']['phase'];
type Conditions = NonNullable<PropagatedObject['conditions']>;

/** What the synced store says of a workload there: desired and ready replicas, conditions. */
async function workloadStatus(
  resources: ResourceStore,
  clusterId: string,
  object: OwnedObject,
): Promise<Pick<PropagatedObject, 'replicas' | 'conditions'>> {
  const type = storedTypeOf(object);
  if (!type) return {};
  const row = await resources.get(clusterId, { ...type, namespace: object.namespace, name: object.name });
  const live = row?.object as { spec?: { replicas?: unknown }; status?: Record<string, unknown> } | undefined;
  if (!live) return {};
  const status = live.status ?? {};
  const desired = typeof live.spec?.replicas === 'number' ? live.spec.replicas : 0;
  const ready = typeof status.readyReplicas === 'number' ? status.readyReplicas : 0;
  const conditions: Conditions = (Array.isArray(status.conditions) ? status.conditions : [])
    .filter(isPlainObject)
    .map((c) => ({
      type: String(c.type ?? ''),
      status: String(c.status ?? ''),
      ...(typeof c.reason === 'string' ? { reason: c.reason } : {}),
      ...(typeof c.message === 'string' ? { message: c.message } : {}),
    }));
  return { replicas: { desired, ready }, conditions };
}

function phaseOf(stored: StoredPropagation, targets: PropagationTarget[]): Phase {
  if (stored.deleting) return 'Deleting';
  if ((stored.document as PropagationDocument).spec.suspended) return 'Suspended';
  const states = targets.map((t) => t.state);
  if (stored.observedGeneration === 0 && targets.length === 0) return 'Pending';
  if (states.some((s) => ['failed', 'offline', 'forbidden', 'drifted', 'removing'].includes(s)))
    return 'Degraded';
  if (stored.observedGeneration < stored.generation || states.includes('pending')) return 'Progressing';
  return 'Applied';
}

const iso = (date: Date | null) => (date ? { lastAppliedAt: date.toISOString() } : {});

/** A propagation with its status: per target, state and objects; workloads' replicas from the store. */
export async function viewOf(
  stored: StoredPropagation,
  parts: {
    targets: readonly StoredTarget[];
    objects: readonly OwnedObject[];
    clusterIds: ReadonlyMap<string, string>;
    resources: ResourceStore;
  },
): Promise<PropagationView> {
  const total = { desired: 0, ready: 0 };
  let anyWorkload = false;
  const targets = await Promise.all(
    parts.targets.map(async (target): Promise<PropagationTarget> => {
      const clusterId = parts.clusterIds.get(target.cluster);
      const sum = { desired: 0, ready: 0 };
      let workloads = 0;
      const objects = await Promise.all(
        parts.objects
          .filter((o) => o.cluster === target.cluster)
          .map(async (o): Promise<PropagatedObject> => {
            const offline = target.state === 'offline';
            const workload =
              clusterId && isScaledWorkload(o) ? await workloadStatus(parts.resources, clusterId, o) : {};
            if (workload.replicas) {
              workloads += 1;
              sum.desired += workload.replicas.desired;
              sum.ready += workload.replicas.ready;
            }
            const why = offline
              ? target.reason
                ? reasonFields(target)
                : reasonFields(because(wording('reason.unreachable')))
              : reasonFields(o);
            return {
              apiVersion: o.apiVersion,
              kind: o.kind,
              name: o.name,
              ...(o.namespace ? { namespace: o.namespace } : {}),
              state: offline ? 'offline' : o.state,
              ...why,
              ...workload,
              created: o.created,
              ...iso(o.lastAppliedAt),
            };
          }),
      );
      if (workloads) {
        anyWorkload = true;
        total.desired += sum.desired;
        total.ready += sum.ready;
      }
      const failover =
        target.movedIn || target.movedOut || target.offlineSince
          ? {
              failover: {
                ...(target.offlineSince ? { offlineSince: target.offlineSince.toISOString() } : {}),
                movedIn: target.movedIn,
                movedOut: target.movedOut,
              },
            }
          : {};
      return {
        cluster: target.cluster,
        state: target.state,
        ...reasonFields(target),
        ...(workloads ? { replicas: sum } : {}),
        ...failover,
        objects,
        ...iso(target.lastAppliedAt),
      };
    }),
  );
  return {
    document: stored.document as PropagationDocument,
    generation: stored.generation,
    createdBy: stored.createdBy,
    createdAt: stored.createdAt.toISOString(),
    updatedBy: stored.updatedBy,
    updatedAt: stored.updatedAt.toISOString(),
    status: {
      phase: phaseOf(stored, targets),
      observedGeneration: stored.observedGeneration,
      targets,
      ...(anyWorkload ? { replicas: total } : {}),
    },
  };
}
