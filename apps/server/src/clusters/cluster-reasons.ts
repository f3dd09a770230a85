import type { ClusterReasonParams } from '@portolan/api';
import { KubeConnectionError } from '#server/kube/kube-connection-errors.ts';
import type { ClusterReason } from '#server/store/clusters/cluster-health.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';

/** Values without the empty ones, so the console never words a value the server did not have. */
function valuesOf(values: Record<string, string | number | undefined>): ClusterReasonParams {
  const params: ClusterReasonParams = {};
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== '') params[key] = value;
  return params;
}

/**
 * Why a request to a cluster failed, as the English, a code and its values: a connection failure
 * keeps its address, system code, step and the system's own words; credentials that could not be had
 * keep the kubeconfig's problem; anything else is `error` with its message.
 */
export function reasonOfError(error: unknown): ClusterReason {
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof KubeConnectionError) {
    return {
      reason,
      reasonCode: error.failure,
      reasonParams: valuesOf({
        address: error.address,
        systemCode: error.systemCode,
        step: error.step,
        detail: error.detail,
      }),
    };
  }
  if (error instanceof KubeconfigError) {
    return {
      reason,
      reasonCode: 'credentials-failed',
      reasonParams: valuesOf({ problem: error.problem, detail: reason }),
    };
  }
  return { reason, reasonCode: 'error', reasonParams: { detail: reason } };
}

/** Why an answer of /readyz other than 200 means the cluster is not Ready. */
export function reasonOfReadyz(status: number, body: unknown): ClusterReason {
  const detail = String(body ?? '')
    .trim()
    .slice(0, 200);
  if (status === 401) {
    return {
      reason:
        'the API server did not accept the credentials (/readyz answered 401); ' +
        "get current credentials for this cluster and replace the cluster's kubeconfig",
      reasonCode: 'unauthorized',
      reasonParams: { status },
    };
  }
  if (status === 403) {
    return {
      reason:
        "the API server forbids the kubeconfig's user to read its health (/readyz answered 403); " +
        'allow it get on /readyz (the system:public-info-viewer role does)',
      reasonCode: 'forbidden',
      reasonParams: { status },
    };
  }
  return {
    reason: `the API server is not ready (/readyz answered ${status}: ${detail})`,
    reasonCode: 'not-ready',
    reasonParams: { status, detail },
  };
}

/** Why a cluster's stored credentials could not be opened (a key rotated away, a kubeconfig no longer valid). */
export function reasonOfUnopenable(error: unknown): ClusterReason {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    reason: `cannot open its stored credentials: ${detail}`,
    reasonCode: 'credentials-unopenable',
    reasonParams: { detail },
  };
}
