import type { SilenceMatcher, StoredAlert, StoredSilence } from '#server/store/alerting/alerting-store.ts';

/** The labels silences match: the alert's own, plus alertname (its rule) and level. */
export const matchLabelsOf = (alert: Pick<StoredAlert, 'rule' | 'level' | 'labels'>) => ({
  ...alert.labels,
  alertname: alert.rule,
  level: alert.level,
});

const compiled = new Map<string, RegExp>();

/** A regular expression matcher is anchored at both ends, as Alertmanager's are; compiled once. */
export function matcherRegex(value: string): RegExp {
  let regex = compiled.get(value);
  if (!regex) {
    regex = new RegExp(`^(?:${value})$`);
    // Silences come and go: past 1,000 expressions the oldest is compiled again when next needed.
    if (compiled.size >= 1000) compiled.delete(compiled.keys().next().value as string);
    compiled.set(value, regex);
  }
  return regex;
}

export function matches(matcher: SilenceMatcher, labels: Record<string, string>): boolean {
  const actual = labels[matcher.label] ?? '';
  switch (matcher.op) {
    case '=':
      return actual === matcher.value;
    case '!=':
      return actual !== matcher.value;
    case '=~':
      return matcherRegex(matcher.value).test(actual);
    case '!~':
      return !matcherRegex(matcher.value).test(actual);
  }
}

export const silenceActive = (silence: StoredSilence, now: Date) =>
  silence.startsAt.getTime() <= now.getTime() && now.getTime() < silence.endsAt.getTime();

export const silenceState = (silence: StoredSilence, now: Date): 'pending' | 'active' | 'expired' =>
  now.getTime() < silence.startsAt.getTime() ? 'pending' : silenceActive(silence, now) ? 'active' : 'expired';

/** The first active silence that matches every label of the alert, if any. */
export function silenceFor(
  alert: Pick<StoredAlert, 'rule' | 'level' | 'labels'>,
  silences: readonly StoredSilence[],
  now: Date,
): StoredSilence | undefined {
  const labels = matchLabelsOf(alert);
  return silences.find(
    (silence) => silenceActive(silence, now) && silence.matchers.every((matcher) => matches(matcher, labels)),
  );
}

/** The cluster and namespace a silence's equality matchers pin (where its author needs alerts:write). */
export function pinnedScope(matchers: readonly SilenceMatcher[]): { cluster?: string; namespace?: string } {
  const equal = (label: string) => matchers.find((m) => m.label === label && m.op === '=')?.value;
  const cluster = equal('cluster');
  const namespace = equal('namespace');
  return { ...(cluster ? { cluster } : {}), ...(cluster && namespace ? { namespace } : {}) };
}
