import { type AlertEventDetail, alertEventDetail } from '@portolan/api';
import type { AlertFeed, AlertRecord } from '#server/monitoring/contract.ts';
import type { AlertingStore, StoredAlert } from '#server/store/alerting/alerting-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { fingerprint } from './labels.ts';

/** AlertFeed plus what the notify helper records on an alert's timeline (notified, notify-failed). */
export interface AlertFeedWithEvents extends AlertFeed {
  recordAlertEvent(id: string, event: string, detail?: AlertEventDetail): Promise<void>;
  /** Tells the listeners: the evaluator calls it after a round that changed an alert. */
  changed(): void;
}

export const recordOf = (alert: StoredAlert): AlertRecord => ({
  id: alert.id,
  rule: alert.rule,
  level: alert.level,
  labels: alert.labels,
  summary: alert.summary,
  description: alert.description,
  ...(alert.textCode ? { textCode: alert.textCode, textParams: alert.textParams ?? {} } : {}),
  state: alert.state,
  ...(alert.silencedBy ? { silencedBy: alert.silencedBy } : {}),
  ...(alert.inhibitedBy ? { inhibitedBy: alert.inhibitedBy } : {}),
  startsAt: alert.startsAt,
  ...(alert.endsAt ? { endsAt: alert.endsAt } : {}),
  updatedAt: alert.updatedAt,
});

/**
 * What notify/ reads: alerts from the store (so it sees every replica's rounds), change callbacks from
 * this replica's evaluator, and Portolan's own alerts raised and resolved outside the rules. Those are
 * held back by silences and inhibition at the evaluator's next round like any other.
 */
export function createAlertFeed(deps: {
  store: AlertingStore;
  clock: Clock;
  wake: () => void;
}): AlertFeedWithEvents {
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) {
      try {
        listener();
      } catch {
        // A listener's failure is its own; the others are still told.
      }
    }
  };
  return {
    async current(since) {
      return (await deps.store.alerts({ resolvedSince: since })).map(recordOf);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async raise(input) {
      const id = fingerprint(input.rule, input.labels);
      const existing = await deps.store.alert(id);
      if (
        existing?.state === 'firing' &&
        existing.summary === input.summary &&
        existing.level === input.level
      )
        return;
      const now = deps.clock();
      const firing = existing?.state === 'firing';
      await deps.store.saveAlerts(
        [
          {
            id,
            rule: input.rule,
            origin: 'portolan',
            level: input.level,
            labels: input.labels,
            summary: input.summary,
            description: input.description,
            textCode: input.textCode ?? null,
            textParams: input.textParams ?? null,
            state: 'firing',
            silencedBy: firing ? existing.silencedBy : null,
            inhibitedBy: firing ? existing.inhibitedBy : null,
            value: null,
            startsAt: firing ? existing.startsAt : now,
            endsAt: null,
            updatedAt: now,
          },
        ],
        firing ? [] : [{ alertId: id, at: now, event: 'firing', ...alertEventDetail('raised') }],
      );
      changed();
      deps.wake();
    },
    async resolve(rule, labels) {
      const id = fingerprint(rule, labels);
      const existing = await deps.store.alert(id);
      if (existing?.state !== 'firing') return;
      const now = deps.clock();
      await deps.store.saveAlerts(
        [{ ...existing, state: 'resolved', endsAt: now, updatedAt: now }],
        [{ alertId: id, at: now, event: 'resolved', ...alertEventDetail('resolved-by-portolan') }],
      );
      changed();
    },
    async recordAlertEvent(id, event, detail) {
      await deps.store.addEvents([
        {
          alertId: id,
          at: deps.clock(),
          event,
          detail: detail?.detail ?? null,
          ...(detail?.detailCode
            ? { detailCode: detail.detailCode, detailParams: detail.detailParams ?? {} }
            : {}),
        },
      ]);
    },
    changed,
  };
}
