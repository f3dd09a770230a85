import type { PropagationWording } from '@portolan/api';
import { reasonOfError } from '#server/clusters/cluster-reasons.ts';
import type { OwnedObject } from '#server/store/propagations/propagation-store.ts';
import type { EngineCluster } from './cluster-facts.ts';
import { wording } from './wording.ts';

/** `reason.offline` with a cluster's reason as its detail, and the cluster's code beside it when it has one. */
function offline(
  reason: string,
  code: string | undefined,
  values: Readonly<Record<string, string | number>> | undefined,
): PropagationWording {
  const params: Record<string, string | number> = { detail: reason };
  if (code) {
    params.clusterCode = code;
    for (const [name, value] of Object.entries(values ?? {})) params[`cluster.${name}`] = value;
  }
  return wording('reason.offline', params);
}

/** Why a cluster the health probe calls Offline is: its reason, with the cluster's code when it has one. */
export function healthOf(cluster: EngineCluster): PropagationWording {
  if (!cluster.healthReason) return wording('reason.offline-unsaid');
  return offline(cluster.healthReason, cluster.healthReasonCode, cluster.healthReasonParams);
}

/**
 * A cluster that stopped answering during the round (or a preview): Portolan's client says why, in
 * English as it was and as the cluster's reason code (the connection failure, its address, …), which
 * is how the health probe would have said it.
 */
export function unreachable(error: Error): PropagationWording {
  const found = reasonOfError(error.cause instanceof Error ? error.cause : error);
  return found.reason === error.message
    ? offline(error.message, found.reasonCode, found.reasonParams)
    : offline(error.message, undefined, undefined);
}

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
