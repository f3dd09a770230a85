import type { AlertFeed, AlertRecord } from '#server/monitoring/contract.ts';

/**
 * A real AlertFeed kept in memory, for testing notify/ before and apart from the rules' own: tests
 * fire, resolve and silence alerts by hand; raised alerts are kept so a test can see them.
 */
export function createTestFeed(clock: () => Date) {
  const alerts = new Map<string, AlertRecord>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const raisedKey = (rule: string, labels: Record<string, string>) => `${rule}${JSON.stringify(labels)}`;
  const feed: AlertFeed & {
    fire(alert: Partial<AlertRecord> & { id: string; rule: string }): void;
    resolveAlert(id: string): void;
    silence(id: string, by: string | undefined): void;
    raised: Map<
      string,
      {
        state: 'firing' | 'resolved';
        summary: string;
        description: string;
        textCode?: string;
        textParams?: Record<string, string | number>;
      }
    >;
  } = {
    raised: new Map(),
    async current(since) {
      return [...alerts.values()].filter(
        (alert) => alert.state === 'firing' || (alert.endsAt !== undefined && alert.endsAt >= since),
      );
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async raise(alert) {
      feed.raised.set(raisedKey(alert.rule, alert.labels), {
        state: 'firing',
        summary: alert.summary,
        description: alert.description,
        ...(alert.textCode ? { textCode: alert.textCode, textParams: alert.textParams ?? {} } : {}),
      });
    },
    async resolve(rule, labels) {
      const found = feed.raised.get(raisedKey(rule, labels));
      if (found) found.state = 'resolved';
    },
    fire(alert) {
      const now = clock();
      alerts.set(alert.id, {
        level: 'critical',
        labels: { cluster: 'c1' },
        summary: `${alert.rule} fired`,
        description: '',
        state: 'firing',
        startsAt: now,
        updatedAt: now,
        ...alert,
      });
      changed();
    },
    resolveAlert(id) {
      const alert = alerts.get(id);
      if (!alert) return;
      const now = clock();
      alerts.set(id, { ...alert, state: 'resolved', endsAt: now, updatedAt: now });
      changed();
    },
    silence(id, by) {
      const alert = alerts.get(id);
      if (!alert) return;
      const { silencedBy: _, ...rest } = alert;
      alerts.set(id, { ...rest, ...(by && { silencedBy: by }), updatedAt: clock() });
      changed();
    },
  };
  return feed;
}
