/**
 * What every coded reason's words share (cluster and sync reasons, inspection findings, propagations,
 * multi-cluster Services, alerting, backups, lifecycle): a server text comes as a code and values beside
 * its English; the console words the code in the reader's language when it has words for it and every
 * value those words need, and shows the server's English otherwise.
 */
import type { MessageKey } from './en.ts';
import type { I18n } from './i18n.tsx';

type Values = Record<string, string | number>;

/** The names of the `{placeholders}` in `words`, sorted. */
export function placeholders(words: string): string[] {
  return [...words.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

/** True when there are `words` and `values` has every value they need (no bare {placeholder} shown). */
export function fits(words: string | undefined, values: Values): words is string {
  return words !== undefined && placeholders(words).every((name) => name in values);
}

/** The values of `values` named `prefix.name`, without the prefix: a reason carried inside another's. */
export function under(prefix: string, values: Values): Values {
  const start = `${prefix}.`;
  return Object.fromEntries(
    Object.entries(values)
      .filter(([name]) => name.startsWith(start))
      .map(([name, value]) => [name.slice(start.length), value]),
  );
}

/**
 * `key`'s words (`english` holds the console's English of the area) filled with `values`, in the
 * reader's language; `fallback` (the server's English) when the console has no words for the key, or
 * there are no values, or a value the words need is missing.
 */
export function wordedOr<T>(
  t: I18n['t'],
  english: Readonly<Record<string, string>>,
  key: string,
  values: Values | null | undefined,
  fallback: T,
): string | T {
  return values && fits(english[key], values) ? t(key as MessageKey, values) : fallback;
}
