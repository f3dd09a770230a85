import type { AlertView } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n.tsx';
import { alertingApi } from './alerting-api.ts';

/**
 * Why an alert is held back, in words: "silenced by <comment> until <time>" (the silence's comment,
 * read from the silences list) or "held back: cluster <x> is offline"; empty for a delivered alert.
 */
export function useHeldBack(): (alert: AlertView) => string {
  const { t, format } = useI18n();
  const silences = useQuery({
    queryKey: ['alerting', 'silences', 'all'],
    queryFn: () => alertingApi.silences(),
    staleTime: 30_000,
  });
  const byId = new Map((silences.data?.items ?? []).map((silence) => [silence.id, silence]));
  return (alert) => {
    if (alert.state === 'silenced') {
      const silence = alert.silencedBy ? byId.get(alert.silencedBy) : undefined;
      return silence
        ? t('alerting.silencedBy', { comment: silence.comment, until: format.dateTime(silence.endsAt) })
        : t('alerting.silencedByOther', { by: alert.silencedBy ?? '–' });
    }
    // Inhibition is by a cluster's own cluster-offline alert (inhibitedBy is that alert's id).
    if (alert.state === 'inhibited')
      return alert.labels.cluster
        ? t('alerting.inhibitedOffline', { cluster: alert.labels.cluster })
        : t('alerting.inhibitedBy', { by: alert.inhibitedBy ?? '–' });
    return '';
  };
}
