import type { ClusterFreshness } from '@portolan/api';
import type { I18n } from '../../app/i18n.tsx';
import { syncReasonText } from '../cluster/sync-reason.ts';
import { clusterReasonText } from './cluster-reason.ts';

type Translate = I18n['t'];

/**
 * Why a cluster's part of a search is not current, in the reader's language: an Offline cluster's
 * reason (the freshness carries the cluster's code), or the reason a type's sync failed (its sync
 * state's code); the server's words when the console has none for the code.
 */
export function freshnessErrorText(t: Translate, entry: ClusterFreshness): string {
  if (!entry.error) return '';
  if (entry.status === 'stale' && entry.reasonCode) {
    const reason = clusterReasonText(t, { reasonCode: entry.reasonCode, reasonParams: entry.reasonParams });
    return reason ? t('clusterReason.offline', { reason }) : entry.error;
  }
  if (entry.status === 'failed' && entry.failedResource && entry.syncReasonCode) {
    const reason = syncReasonText(t, {
      message: '',
      reasonCode: entry.syncReasonCode,
      reasonParams: entry.syncReasonParams,
      kinds: [entry.failedResource],
    });
    return reason ? t('syncReason.ofResource', { resource: entry.failedResource, reason }) : entry.error;
  }
  return entry.error;
}
