import { callKube } from '#server/resources/kube-call.ts';
import type { KubeObject, OwnerReference } from '#server/resources/kube-object.ts';
import { operationOf, pathOf } from '#server/resources/object-location.ts';
import { NotFoundError } from '#server/resources/resource-errors.ts';
import { getResource, type ResourceTarget } from '#server/resources/resource-service.ts';
import { WORKLOAD_KINDS } from '#server/workloads/workload-kinds.ts';
import type { PodRef } from './pod-logs.ts';

export interface Owner {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  uid: string;
  /** False when the reference names an object that is gone. */
  found: boolean;
}

export interface OwnerChain {
  /** From the pod's owner upwards: ReplicaSet, then Deployment; Job, then CronJob. */
  owners: Owner[];
  /** The topmost workload in the chain (Deployment, StatefulSet, DaemonSet, Job, CronJob), if any. */
  workload?: Owner;
}

const MAX_DEPTH = 8;

/** The controller reference, or the only owner when none is marked as controller. */
function ownerOf(object: KubeObject): OwnerReference | undefined {
  const owners = object.metadata?.ownerReferences ?? [];
  return owners.find((owner) => owner.controller) ?? (owners.length === 1 ? owners[0] : undefined);
}

/** Follows owner references up from a pod, reading each owner live. */
export async function ownerChain(target: ResourceTarget, pod: PodRef): Promise<OwnerChain> {
  let current: KubeObject = await getResource(target, { kind: 'pods', ...pod });
  const owners: Owner[] = [];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const reference = ownerOf(current);
    if (!reference) break;
    const resource = await target.kinds.resolveObject(reference.apiVersion, reference.kind);
    const location = {
      resource,
      namespace: resource.namespaced ? pod.namespace : undefined,
      name: reference.name,
    };
    const owner: Owner = {
      apiVersion: reference.apiVersion,
      kind: reference.kind,
      name: reference.name,
      uid: reference.uid,
      found: true,
      ...(location.namespace ? { namespace: location.namespace } : {}),
    };
    owners.push(owner);
    try {
      current = (
        await callKube<KubeObject>(target.client, { path: pathOf(location) }, operationOf(location, 'get'))
      ).body;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      owner.found = false;
      break;
    }
    // A new object with the same name is not the owner the reference meant.
    if (current.metadata?.uid !== reference.uid) {
      owner.found = false;
      break;
    }
  }
  const isWorkload = (owner: Owner) =>
    owner.found &&
    (WORKLOAD_KINDS as readonly string[]).includes(owner.kind) &&
    /^(apps|batch)\//.test(owner.apiVersion);
  const workload = owners.findLast(isWorkload);
  return workload ? { owners, workload } : { owners };
}
