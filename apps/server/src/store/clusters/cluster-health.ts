import type { ClusterReasonCode, ClusterReasonParams } from '@portolan/api';

export type { ClusterReasonCode, ClusterReasonParams };

/**
 * A cluster's reason as setHealth takes it: set with its code and values, cleared with null, or left
 * as it is. Words alone do not type-check (and the store refuses them): the console words a reason
 * from its code, in the reader's language, and shows the English only for a code it does not know.
 */
export type ClusterReasonUpdate =
  | { reason?: undefined; reasonCode?: undefined; reasonParams?: undefined }
  | { reason: null; reasonCode?: null; reasonParams?: null }
  | { reason: string; reasonCode: ClusterReasonCode; reasonParams: ClusterReasonParams };

/** A reason with its code and values, as the server makes it from an error or an answer. */
export interface ClusterReason {
  reason: string;
  reasonCode: ClusterReasonCode;
  reasonParams: ClusterReasonParams;
}
