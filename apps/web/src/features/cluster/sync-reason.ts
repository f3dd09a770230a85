import { CONNECTION_FAILURES, type SyncReasonParams } from '@portolan/api';
import type { MessageKey } from '../../app/en.ts';
import type { I18n } from '../../app/i18n.tsx';
import { fits } from '../../app/worded.ts';
import { clusterReasonText } from '../clusters/cluster-reason.ts';
import { syncReasonEn } from './sync-reason-words.ts';

type Translate = I18n['t'];

/** A sync failure as the model groups it: the server's English, its code and values, its kinds. */
export interface SyncFailure {
  message: string;
  reasonCode: string | null;
  reasonParams: SyncReasonParams | null;
  kinds: string[];
}

/** The codes a cluster's reason has too: worded as the cluster's reason is, not written again. */
const CLUSTER_WORDED = new Set<string>([...CONNECTION_FAILURES, 'credentials-failed']);

const known = (key: string): key is keyof typeof syncReasonEn => key in syncReasonEn;

/** `key`'s words with `params`, or undefined when there are none or a value they need is missing. */
function words(t: Translate, key: string, params: SyncReasonParams): string | undefined {
  if (!known(key)) return undefined;
  return fits(syncReasonEn[key], params) ? t(key as MessageKey, params) : undefined;
}

/**
 * Why a sync failed, in the reader's language, from its code and values: a connection failure in the
 * words of the cluster's reasons, the API server's answers and the store's failures in the sync's own;
 * the server's English when the console does not know the code or lacks a value its words need.
 */
export function syncReasonText(t: Translate, failure: SyncFailure): string {
  const code = failure.reasonCode;
  const params = failure.reasonParams;
  if (!code || !params) return failure.message;
  if (CLUSTER_WORDED.has(code))
    return clusterReasonText(t, { reason: failure.message, reasonCode: code, reasonParams: params });
  // The engine's own failure (discovery) names no kinds: a refusal of discovery has words of its own.
  const discovery = failure.kinds.length === 0 && code === 'forbidden';
  return words(t, `syncReason.${code}${discovery ? '.discovery' : ''}`, params) ?? failure.message;
}
