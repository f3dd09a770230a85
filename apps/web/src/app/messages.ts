import { type Dictionary, en, type MessageKey } from './en.ts';
import type { Locale } from './preferences.ts';

/**
 * English is in the first script; 简体中文 is its own chunk, loaded before the first render when it is
 * the reader's language and before a switch to it, so an English reader never downloads it.
 */
const dictionaries: Partial<Record<Locale, Dictionary>> = { en };

export async function loadDictionary(locale: Locale): Promise<void> {
  if (dictionaries[locale]) return;
  if (locale === 'zh-CN') dictionaries['zh-CN'] = (await import('./zh-CN.ts')).zhCN;
}

/** `{name}` placeholders filled from `values`; a missing value stays visible rather than vanishing. */
export function translate(
  locale: Locale,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  return (dictionaries[locale] ?? en)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** Numbers, sizes and times written the locale's way. */
export function formatters(locale: Locale) {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    number: (value: number) => number.format(value),
    cores: (value: number) => number.format(value),
    bytes(value: number) {
      const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
      let scaled = value;
      let unit = 0;
      while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
        scaled /= 1024;
        unit++;
      }
      return `${number.format(scaled)} ${units[unit]}`;
    },
    percent: (part: number, whole: number) =>
      whole > 0
        ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(part / whole)
        : '–',
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    /** "3 minutes ago" from two instants; `now` is passed in so the caller decides what now is. */
    ago(iso: string, now: number) {
      const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
      const steps: [Intl.RelativeTimeFormatUnit, number][] = [
        ['day', 86400],
        ['hour', 3600],
        ['minute', 60],
      ];
      for (const [unit, size] of steps)
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      return relative.format(seconds, 'second');
    },
  };
}

export type Formatters = ReturnType<typeof formatters>;
