import type { PropagationWording } from '@portolan/api';
import type { OwnedObject } from '#server/store/propagations/propagation-store.ts';
import type { EngineCluster } from './cluster-facts.ts';
import { wording } from './wording.ts';

/** Why a cluster the health probe calls Offline is: its reason, with the cluster's code when it has one. */
export function healthOf(cluster: EngineCluster): PropagationWording {
  if (!cluster.healthReason) return wording('reason.offline-unsaid');
  const params: Record<string, string | number> = { detail: cluster.healthReason };
  if (cluster.healthReasonCode) {
    params.clusterCode = cluster.healthReasonCode;
    for (const [name, value] of Object.entries(cluster.healthReasonParams ?? {}))
      params[`cluster.${name}`] = value;
  }
  return wording('reason.offline', params);
}

/** A cluster that stopped answering during the round: Portolan's client says why. */
export const unreachable = (error: Error) => wording('reason.offline', { detail: error.message });

/** Why an object that is no longer placed stays where it is, as the event that says so. */
export function whyLeft(record: OwnedObject, strangers: string[]): PropagationWording {
  const cluster = record.cluster;
  if (strangers.length) {
    const objects = strangers.slice(0, 3).join(', ');
    return strangers.length > 3
      ? wording('event.left-strangers-more', { cluster, objects, more: strangers.length - 3 })
      : wording('event.left-strangers', { cluster, objects });
  }
  return wording(record.created ? 'event.left-remade' : 'event.left-preexisting', { cluster });
}
