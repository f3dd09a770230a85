import { alertEventDetail } from '@portolan/api';
import type { StoredAlert, StoredAlertEvent, StoredSilence } from '#server/store/alerting/alerting-store.ts';

/** The timeline events of an alert newly held back or let go, by a silence or by its offline cluster. */
export function holdEvents(
  alert: StoredAlert,
  next: { silencedBy: string | null; inhibitedBy: string | null },
  silences: StoredSilence[],
  now: Date,
): StoredAlertEvent[] {
  const events: StoredAlertEvent[] = [];
  const at = now;
  if (next.silencedBy !== alert.silencedBy) {
    if (next.silencedBy) {
      const silence = silences.find((s) => s.id === next.silencedBy);
      events.push({
        alertId: alert.id,
        at,
        event: 'silenced',
        ...alertEventDetail('silenced', {
          silence: next.silencedBy,
          by: silence?.createdBy ?? '?',
          comment: silence?.comment ?? '',
        }),
      });
    } else
      events.push({
        alertId: alert.id,
        at,
        event: 'unsilenced',
        ...alertEventDetail('unsilenced', { silence: alert.silencedBy ?? '' }),
      });
  }
  if (next.inhibitedBy !== alert.inhibitedBy) {
    if (next.inhibitedBy)
      events.push({
        alertId: alert.id,
        at,
        event: 'inhibited',
        ...alertEventDetail('inhibited', { cluster: alert.labels.cluster ?? '', alert: next.inhibitedBy }),
      });
    else
      events.push({
        alertId: alert.id,
        at,
        event: 'uninhibited',
        ...alertEventDetail('uninhibited', { cluster: alert.labels.cluster ?? '' }),
      });
  }
  return events;
}
