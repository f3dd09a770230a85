import { createHash } from 'node:crypto';

/** An alert's id: the same for one rule and one label set, so repeats and resolutions group. */
export function fingerprint(rule: string, labels: Record<string, string>): string {
  const text = JSON.stringify([
    rule,
    Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
  return createHash('sha256').update(text).digest('hex').slice(0, 20);
}

/** A summary with its {{label}} placeholders (and {{value}}) filled; unknown ones become empty. */
export function fillPlaceholders(text: string, labels: Record<string, string>, value?: number): string {
  return text.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, name: string) =>
    name === 'value' && value !== undefined ? formatValue(value) : (labels[name] ?? ''),
  );
}

/** A value as summaries show it: whole, or to three significant digits. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}

/** A PromQL string literal: quotes and backslashes escaped. */
export const promqlString = (text: string) => JSON.stringify(text);

/** A regular expression that matches exactly one of the names. */
export const anyOf = (names: readonly string[]) =>
  names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
